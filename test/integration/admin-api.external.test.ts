import { adminApiSuite } from "./admin-api.suite";

// The same suite with the portal reaching its core over HTTP (CORE_API_URL mode).
adminApiSuite({ external: true });
