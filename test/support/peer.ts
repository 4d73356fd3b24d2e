/**
 * What scripts/peer-address.mjs does in the real server, for tests that call route handlers
 * directly: it declares the header that carries the socket's address, and tests set that header
 * as the socket would (test/e2e/client-ip.test.ts covers the preload itself).
 */
export const PEER_HEADER = "x-porthole-peer";
(globalThis as { [k: symbol]: unknown })[Symbol.for("porthole.peer-header")] = PEER_HEADER;
