"use client";

import type { ErrorBody, ErrorCode, FieldIssue } from "./errors";

/** The browser-side twin of PortalError, rebuilt from the BFF's error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
  }
}

let accessToken: string | null = null;

/** The embedded session's access token lives here, in memory only (never storage, never a URL). */
export function setAccessToken(token: string | null): void {
  accessToken = token;
}

/** fetch for the BFF: bearer token when embedded, CSRF header for the cookie path, typed errors. */
export async function apiFetch<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set("x-porthole-request", "1");
  if (accessToken) headers.set("authorization", `Bearer ${accessToken}`);
  if (init.body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
  const res = await fetch(path, { ...init, headers, credentials: "same-origin", cache: "no-store" });
  if (res.status === 204) return undefined as T;
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = (body as Partial<ErrorBody> | null)?.error;
    throw new ApiError(res.status, err?.code ?? "internal", err?.message ?? "Something went wrong.", err?.issues ?? []);
  }
  return body as T;
}
