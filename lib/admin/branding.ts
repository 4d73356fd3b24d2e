import { effectiveBranding, ORG_SCOPE } from "@/lib/branding/effective";
import { mergeBranding, type Branding } from "@/lib/branding/schema";
import type { Runtime } from "@/lib/runtime";
import { readSettings, saveBranding } from "./settings";

export type BrandingView = {
  /** What this scope stores; null = nothing set. */
  branding: Branding | null;
  /** For an app: the org default it builds on. */
  orgDefault?: Branding | null;
  /** What the portal shows (before any per-session override). */
  effective: Branding;
};

export async function brandingView(rt: Runtime, scope: string): Promise<BrandingView> {
  const { branding } = await readSettings(rt, scope);
  if (scope === ORG_SCOPE) return { branding, effective: mergeBranding(branding) };
  const { branding: orgDefault } = await readSettings(rt, ORG_SCOPE);
  return { branding, orgDefault, effective: await effectiveBranding(rt, scope, null) };
}

/** Replaces the scope's branding as a whole; `{}` clears it. */
export async function replaceBranding(rt: Runtime, scope: string, branding: Branding): Promise<void> {
  await saveBranding(rt, scope, Object.keys(branding).length > 0 ? branding : null);
}
