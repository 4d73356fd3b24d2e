import { logStatusSuite } from "./bff-log-status.suite";

/** The same suite with the portal reaching its core over HTTP (CORE_API_URL mode): merged per-endpoint lists. */
logStatusSuite({ external: true });
