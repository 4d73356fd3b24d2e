import type { Branding } from "@/lib/branding/schema";
import type { Capability } from "./capabilities";

/** What the browser learns about its session: never the core token, never the refresh secret. */
export type SessionView = {
  id: string;
  appId: string;
  capabilities: Capability[];
  expiresAt: string;
  actorEmail: string | null;
  source: "embed" | "magic-link";
  /** postMessage peers: the session's own list, else the application's. */
  allowedOrigins: string[];
  branding: Branding;
};

/** A ticket exchange or a refresh: a short-lived access token (kept in memory) and the session. */
export type Granted = { accessToken: string; accessTokenExpiresAt: string; session: SessionView };
