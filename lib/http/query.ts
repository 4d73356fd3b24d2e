/**
 * The query string as an object for a zod schema. An empty value is absent: a form's unset filter
 * (`?status=`) means "no filter", never "the empty string". A repeated key keeps its last value.
 */
export function queryOf(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URL(req.url).searchParams) {
    if (v === "") delete out[k];
    else out[k] = v;
  }
  return out;
}
