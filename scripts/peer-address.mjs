/**
 * Loaded into the Next.js server with `node --import` (npm start, the test servers). Next.js
 * fills X-Forwarded-For from the socket only when a request has none (base-server.js:
 * `x-forwarded-for ??= socket.remoteAddress`), so a client-sent value is all a route handler
 * would see. This writes the connection's own address on every request, under a name of our own,
 * over anything the client sent under that name; lib/client-ip.ts reads it, and trusts it only
 * in a process where this ran.
 */
import http from "node:http";

const HEADER = "x-porthole-peer";
const emit = http.Server.prototype.emit;

http.Server.prototype.emit = function emitWithPeer(event, req, ...rest) {
  if (event === "request" || event === "checkContinue" || event === "checkExpectation") {
    req.headers[HEADER] = req.socket.remoteAddress ?? "";
  }
  return emit.call(this, event, req, ...rest);
};

globalThis[Symbol.for("porthole.peer-header")] = HEADER;
