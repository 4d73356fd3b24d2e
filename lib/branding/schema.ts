import { z } from "zod";
import { storableString } from "@/lib/storable";

const https = z
  .url({ protocol: /^https$/, abort: true })
  .max(2048)
  .refine((u) => !/["'()\\\s]/.test(u), "may not contain quotes, brackets, backslashes or spaces");
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, "must be a #RRGGBB colour");

/** Fonts that need no download; anything else comes as an https font URL plus a family name. */
export const SAFE_FONTS = ["system", "Inter", "Roboto", "Open Sans", "Lato", "Source Sans 3", "IBM Plex Sans", "Georgia", "Menlo"] as const;

export const HIDEABLE = ["navigation", "eventCatalog", "stats", "secret", "headers", "rateLimit", "channels", "sendExample", "recover", "export"] as const;

/**
 * White-label settings. Strict: unknown keys are refused, no raw CSS, URLs are https only and
 * cannot break out of a CSS url(), colours are hex only.
 */
export const brandingSchema = z
  .object({
    name: storableString().trim().min(1).max(80),
    logoUrl: https,
    faviconUrl: https,
    primaryColor: color,
    accentColor: color,
    font: z.enum(SAFE_FONTS),
    customFont: z.strictObject({ family: z.string().regex(/^[a-zA-Z0-9 \-]{1,64}$/, "letters, digits, spaces and dashes"), url: https }),
    radius: z.number().int().min(0).max(24),
    mode: z.enum(["light", "dark", "auto"]),
    hide: z.array(z.enum(HIDEABLE)).max(HIDEABLE.length),
  })
  .partial()
  .strict();

export type Branding = z.output<typeof brandingSchema>;

/** Later layers win: org default, then the application, then the session's override. */
export function mergeBranding(...layers: (Branding | null | undefined)[]): Branding {
  return Object.assign({}, ...layers.filter(Boolean)) as Branding;
}
