import { z } from "zod";

/**
 * An exact, normalised origin allowed to frame the portal: https, or plain http only for
 * localhost / 127.0.0.1 (development). No wildcards, paths or bare schemes.
 */
export function normalizeOrigin(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.username || url.password || (url.pathname !== "/" && url.pathname !== "") || url.search || url.hash) return null;
  if (value.includes("*")) return null;
  const local = url.hostname === "localhost" || url.hostname === "127.0.0.1" || url.hostname === "[::1]";
  if (url.protocol !== "https:" && !(url.protocol === "http:" && local)) return null;
  return url.origin;
}

export const MAX_ORIGINS = 20;

export const originSchema = z.string().transform((v, ctx) => {
  const origin = normalizeOrigin(v.trim());
  if (!origin) {
    ctx.addIssue({ code: "custom", message: `"${v}" is not an allowed origin (https://host[:port], or http://localhost for development)` });
    return z.NEVER;
  }
  return origin;
});

export const originListSchema = z
  .array(originSchema)
  .max(MAX_ORIGINS)
  .transform((list) => [...new Set(list)]);
