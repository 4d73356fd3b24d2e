import type { CSSProperties } from "react";
import type { Branding } from "./schema";

/**
 * The branding as CSS variables on the page's root element, rendered by the server so the first
 * paint already has the app's colours. Values are safe to inline: the schema allows #RRGGBB
 * colours and integer radii only.
 */
export function brandingVars(b: Branding): CSSProperties {
  const vars: Record<string, string> = {};
  if (b.primaryColor) vars["--ph-primary"] = b.primaryColor;
  if (b.accentColor) vars["--ph-accent"] = b.accentColor;
  if (b.radius !== undefined) vars["--ph-radius"] = `${b.radius}px`;
  return vars as CSSProperties;
}
