import { inArray } from "drizzle-orm";
import { portalSettings } from "@/lib/db/schema";
import type { Runtime } from "@/lib/runtime";
import { mergeBranding, type Branding } from "./schema";

export const ORG_SCOPE = "org";

/** Org default, then the application's own settings, then the session's override. */
export async function effectiveBranding(rt: Runtime, appId: string, override: Branding | null): Promise<Branding> {
  const settings = await rt.database.db.select().from(portalSettings).where(inArray(portalSettings.scope, [ORG_SCOPE, appId]));
  const org = settings.find((s) => s.scope === ORG_SCOPE)?.branding as Branding | undefined;
  const app = settings.find((s) => s.scope === appId)?.branding as Branding | undefined;
  return mergeBranding(org, app, override);
}

/** Origins allowed to frame the app: its own list, else the org default, else the env default. */
export async function allowedOrigins(rt: Runtime, appId: string): Promise<string[]> {
  const settings = await rt.database.db.select().from(portalSettings).where(inArray(portalSettings.scope, [ORG_SCOPE, appId]));
  return (
    settings.find((s) => s.scope === appId)?.allowedOrigins ??
    settings.find((s) => s.scope === ORG_SCOPE)?.allowedOrigins ??
    rt.embedAllowedOrigins
  );
}
