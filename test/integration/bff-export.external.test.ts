import { exportSuite } from "./bff-export.suite";

/** The same suite with the portal reaching its core over HTTP (CORE_API_URL mode). */
exportSuite({ external: true });
