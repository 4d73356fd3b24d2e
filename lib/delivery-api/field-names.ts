import { PortalError } from "@/lib/http/errors";

/**
 * Svix's endpoint field names to the portal's (ADR 5): an upstream 422 names the field the core
 * read, and a form must show it under the input the user typed into.
 */
const PORTAL_FIELD: Record<string, string> = { throttleRate: "rateLimit", eventTypes: "filterTypes" };

/** A validation error's issue paths in the portal's names (first segment only: that is where they differ). */
export function portalFieldIssues(err: unknown): unknown {
  if (!(err instanceof PortalError) || err.code !== "invalid" || !err.issues) return err;
  const issues = err.issues.map((i) => {
    const [head = "", ...rest] = i.path.split(".");
    return { ...i, path: [PORTAL_FIELD[head] ?? head, ...rest].join(".") };
  });
  return new PortalError(err.code, err.message, issues);
}

/** Runs an endpoint write and renames the fields of its 422, if any. */
export async function withPortalFields<T>(pending: Promise<T>): Promise<T> {
  try {
    return await pending;
  } catch (err) {
    throw portalFieldIssues(err);
  }
}
