"use client";

import { createContext, useContext } from "react";
import type { ResultOf } from "@/lib/portal-api/contract";
import type { PortalRoutes } from "@/lib/portal-api/routes";
import type { Capability } from "@/lib/session/capabilities";
import type { HIDEABLE } from "@/lib/branding/schema";

export type SessionView = ResultOf<PortalRoutes["getSession"]>;
export type Hideable = (typeof HIDEABLE)[number];

type Ctx = { session: SessionView; appId: string };

export type SessionPhase =
  | { kind: "connecting" }
  | { kind: "ready"; session: SessionView }
  /** Refused: the framed page has asked its host for a new link; a top-level user signs in again. */
  | { kind: "ended"; framed: boolean }
  | { kind: "offline" }
  | { kind: "foreign" };

export const PhaseContext = createContext<SessionPhase>({ kind: "connecting" });
export const useSessionPhase = (): SessionPhase => useContext(PhaseContext);

export const SessionContext = createContext<Ctx | null>(null);

/** Known from the path before any session exists: the shell links with it while connecting. */
export type PortalApp = { appId: string; appName: string; logoUrl: string | null; hide: Hideable[] };

export const PortalAppContext = createContext<PortalApp | null>(null);

/** The application and its stored branding, as the server rendered them (before any session). */
export function usePortalApp(): PortalApp {
  const ctx = useContext(PortalAppContext);
  if (!ctx) throw new Error("usePortalApp() outside the portal");
  return ctx;
}

/** The signed-in session (only inside the session gate, where one exists). */
export function useSession(): Ctx {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error("useSession() outside a ready portal session");
  return ctx;
}

/**
 * Whether the session may do something. The server checks again on every call; this only keeps
 * controls that would fail off the screen.
 */
export function useCan(capability: Capability): boolean {
  return useSession().session.capabilities.includes(capability);
}

/** Whether the host hid a feature (branding `hide`): hidden features are not rendered at all. */
export function useHidden(feature: Hideable): boolean {
  return (useSession().session.branding.hide ?? []).includes(feature);
}

/** Paths inside this portal: `href("messages")` → `/embed/app_…/messages`. */
export function usePortalHref(): (path?: string) => string {
  const { appId } = usePortalApp();
  return (path = "") => `/embed/${appId}${path ? `/${path.replace(/^\//, "")}` : ""}`;
}
