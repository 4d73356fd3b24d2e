import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { isLocale, LOCALE_COOKIE, NAMESPACES, negotiateLocale, type Locale } from "./config";
import { LOCALE_HEADER } from "./locale-header";


async function loadMessages(locale: Locale): Promise<Record<string, unknown>> {
  const files = await Promise.all(NAMESPACES.map(async (ns) => [ns, (await import(`../messages/${locale}/${ns}.json`)).default] as const));
  return Object.fromEntries(files);
}

/**
 * The request's language: a link's `?locale=` (via the proxy), else the language switch's
 * cookie, else the browser's Accept-Language. There is no locale in the path: portal URLs stay
 * the ones the host page links to.
 */
export default getRequestConfig(async () => {
  const [h, c] = await Promise.all([headers(), cookies()]);
  const chosen = h.get(LOCALE_HEADER) ?? c.get(LOCALE_COOKIE)?.value;
  const locale = isLocale(chosen) ? chosen : negotiateLocale(h.get("accept-language"));
  return { locale, messages: await loadMessages(locale) };
});
