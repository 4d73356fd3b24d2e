/** Svix's error body: `{code, detail}`; 422 carries `{detail: [{loc, msg, type}]}` instead. */
export class CoreError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
  ) {
    super(detail);
  }
}

export type ValidationItem = { loc: string[]; msg: string; type: string };

export class ValidationError extends Error {
  constructor(readonly items: ValidationItem[]) {
    super(items.map((i) => `${i.loc.join(".")}: ${i.msg}`).join("; "));
  }
}

export const notFound = () => new CoreError(404, "not_found", "Entity not found");
export const conflict = (detail = "A conflict has occurred") => new CoreError(409, "conflict", detail);
export const forbidden = () => new CoreError(403, "insufficient access", "Insufficient access for the given operation.");
export const unauthorized = () => new CoreError(401, "authentication_failed", "Invalid token");
export const payloadTooLarge = () => new CoreError(413, "payload_too_large", "Request payload is too large.");
export const badRequest = (code: string, detail: string) => new CoreError(400, code, detail);
export const invalid = (loc: string[], msg: string, type = "value_error") =>
  new ValidationError([{ loc, msg, type }]);
