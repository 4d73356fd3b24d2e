import { z } from "zod";
import { allowedOrigins, frameAncestorsFor, ORG_SCOPE } from "@/lib/branding/effective";
import type { Runtime } from "@/lib/runtime";
import { normalizeOrigin, originListSchema } from "@/lib/session/origins";
import { readSettings } from "./settings";

/** `origins: null` goes back to inheriting (app → org default → EMBED_ALLOWED_ORIGINS → 'self'). */
export const embedOriginsBody = z.strictObject({ origins: originListSchema.nullable() });

export type EmbedOriginsView = {
  /** What this scope stores; null = inherited. */
  origins: string[] | null;
  /** The list in force after inheritance. */
  effective: string[];
  /** The `frame-ancestors` sources /embed/{app} is served with. */
  frameAncestors: string;
};

export async function embedOriginsView(rt: Runtime, scope: string): Promise<EmbedOriginsView> {
  const { allowedOrigins: origins } = await readSettings(rt, scope);
  const inForce = scope === ORG_SCOPE ? (origins ?? rt.embedAllowedOrigins) : await allowedOrigins(rt, scope);
  // The env default is free text; show what the header is built from, not what was typed.
  const effective = [...new Set(inForce.map(normalizeOrigin).filter((o): o is string => o !== null))];
  return { origins, effective, frameAncestors: frameAncestorsFor(inForce) };
}
