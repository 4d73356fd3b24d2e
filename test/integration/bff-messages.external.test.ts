import { messagesSuite } from "./bff-messages.suite";

/** The same suite with the portal reaching its core over HTTP (CORE_API_URL mode). */
messagesSuite({ external: true });
