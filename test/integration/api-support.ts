import { ApiException } from "svix";

export type ApiFailure = { code: number; body: unknown };

/** The SDK's rejection for a call that must fail: its HTTP status and parsed error body. */
export async function apiError(call: Promise<unknown>): Promise<ApiFailure> {
  try {
    await call;
  } catch (err) {
    if (err instanceof ApiException) return { code: err.code, body: err.body as unknown };
    throw err;
  }
  throw new Error("expected the call to fail, it succeeded");
}

/** The `loc` of every item of a 422 body, joined with dots, for compact assertions. */
export function locs(body: unknown): string[] {
  const detail = (body as { detail?: { loc: string[] }[] }).detail ?? [];
  return detail.map((d) => d.loc.join("."));
}
