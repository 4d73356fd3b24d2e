/** Set by the proxy from a portal link's `?locale=` on the request it forwards. */
export const LOCALE_HEADER = "x-porthole-locale";
