/** Set by the proxy on requests for /embed/{app_id}/… (and stripped from every other request). */
export const PORTAL_APP_HEADER = "x-porthole-app";
