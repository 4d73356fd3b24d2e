import { logWindowSuite } from "./log-window.suite";

/** The same suite with the portal reaching its core over HTTP (CORE_API_URL mode). */
logWindowSuite({ external: true });
