import { z } from "zod";
import { errors } from "@/lib/http/errors";
import { endpointCreate } from "../schema";

const endpointRef = z.string().min(1).max(256).regex(/^[a-zA-Z0-9\-_.]+$/);

/** The `[id]` path segment: an endpoint id or uid. Anything else cannot name an endpoint: 404. */
export function endpointParam(params: { id: string }): string {
  const parsed = endpointRef.safeParse(params.id);
  if (!parsed.success) throw errors.notFound();
  return parsed.data;
}

/** Any subset of the create fields; null clears the filters, the rate limit and the uid. */
export const endpointPatch = endpointCreate.partial();
