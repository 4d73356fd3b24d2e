import { z } from "zod";

const NAME = /^[a-zA-Z0-9\-_.]+$/;
const nameError = "Use letters, digits, '-', '_' and '.' only.";

export const eventTypeName = z.string().min(1).max(256).regex(NAME, nameError);
const channel = z.string().min(1).max(128).regex(NAME, nameError);

/** The fields a portal user may set on an endpoint, in the portal's words. */
export const endpointFields = {
  url: z.url({ protocol: /^https?$/, error: "Enter an http:// or https:// URL." }).max(65_536),
  description: z.string().max(4096),
  filterTypes: z.array(eventTypeName).min(1).max(1000),
  channels: z.array(channel).min(1).max(10),
  rateLimit: z.number().int().min(1).max(65_535),
  metadata: z.record(z.string().max(256), z.string().max(4096)),
  // A uid may not look like an id, or a lookup by "id or uid" would be ambiguous.
  uid: z.string().min(1).max(256).regex(NAME, nameError).refine((v) => !v.startsWith("ep_"), 'May not start with "ep_".'),
  disabled: z.boolean(),
};

export const endpointCreate = z.object({
  url: endpointFields.url,
  description: endpointFields.description.optional(),
  filterTypes: endpointFields.filterTypes.nullish(),
  channels: endpointFields.channels.nullish(),
  rateLimit: endpointFields.rateLimit.nullish(),
  metadata: endpointFields.metadata.optional(),
  uid: endpointFields.uid.nullish(),
  disabled: endpointFields.disabled.optional(),
});

export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(250).optional(),
  iterator: z.string().min(1).max(300).optional(),
});
