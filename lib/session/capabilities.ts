import { z } from "zod";

/** Svix Cloud's names. ViewBase is always granted; readOnly means ViewBase alone. */
export const CAPABILITIES = ["ViewBase", "ViewEndpointSecret", "ManageEndpointSecret", "ManageEndpoint", "CreateAttempts"] as const;
export type Capability = (typeof CAPABILITIES)[number];

export const capabilitySchema = z.enum(CAPABILITIES);

/** Svix's rules: omitted = all; readOnly = ViewBase only; ViewBase always included. */
export function grantedCapabilities(requested: Capability[] | null | undefined, readOnly?: boolean | null): Capability[] {
  if (readOnly) return ["ViewBase"];
  const set = new Set<Capability>(requested ?? CAPABILITIES);
  set.add("ViewBase");
  return CAPABILITIES.filter((c) => set.has(c));
}
