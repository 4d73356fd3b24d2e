/** Languages the portal speaks. A catalog per language lives in messages/{locale}/, one file per area. */
export const LOCALES = ["en", "de"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Set by the language switch and by a portal link's `?locale=`; read by every server render. */
export const LOCALE_COOKIE = "porthole-locale";

/** Catalog files (namespaces) every locale has; a missing one fails test/unit/messages.test.ts. */
export const NAMESPACES = ["common", "shell", "endpoints", "endpoint", "messages", "message", "eventTypes", "recovery"] as const;

export function isLocale(value: string | null | undefined): value is Locale {
  return (LOCALES as readonly string[]).includes(value ?? "");
}

/** The best supported language in an Accept-Language header ("de-CH,de;q=0.9,en;q=0.8" → de). */
export function negotiateLocale(acceptLanguage: string | null): Locale {
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = Number(params.find((p) => p.trim().startsWith("q="))?.trim().slice(2) ?? 1);
      return { base: tag.toLowerCase().split("-")[0], q: Number.isFinite(q) ? q : 0 };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((x) => x.base).find(isLocale) ?? DEFAULT_LOCALE;
}
