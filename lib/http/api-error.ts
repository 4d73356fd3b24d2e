import type { ErrorBody, ErrorCode, FieldIssue } from "./errors";

/** What the browser can be told went wrong: the BFF's codes, plus `offline` when nothing answered. */
export type ClientErrorCode = ErrorCode | "offline";

/** The browser-side twin of PortalError, rebuilt from the BFF's error body (status 0: offline). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ClientErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const offlineError = () => new ApiError(0, "offline", "The portal could not be reached. Check your connection and try again.");

/** The error a non-2xx answer carries; a body that is not ours still becomes a typed error. */
export async function apiErrorOf(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as Partial<ErrorBody> | null;
  const err = body?.error;
  return new ApiError(res.status, err?.code ?? (res.status === 401 ? "unauthorized" : "internal"), err?.message ?? "Something went wrong.", err?.issues ?? []);
}
