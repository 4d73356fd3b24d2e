import { bffEndpointsSuite } from "./bff-endpoints.suite";

// The same suite with the portal reaching its core over HTTP (CORE_API_URL mode).
bffEndpointsSuite({ external: true });
