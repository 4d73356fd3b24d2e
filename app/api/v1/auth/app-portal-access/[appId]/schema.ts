import { z } from "zod";
import { LOCALES } from "@/i18n/config";
import { brandingSchema } from "@/lib/branding/schema";
import { CAPABILITIES } from "@/lib/session/capabilities";
import { originListSchema } from "@/lib/session/origins";
import { nameSchema, storableString } from "@/lib/storable";

const uid = nameSchema(256, "must match ^[a-zA-Z0-9\\-_.]+$");

/** Svix Cloud's AppPortalAccessIn, plus Porthole's `branding`, `allowedOrigins` and `locale`. */
export const appPortalAccessIn = z.object({
  capabilities: z.array(z.enum([...CAPABILITIES, "ManageTransformations"])).nullish(),
  readOnly: z.boolean().nullish(),
  expiry: z.number().int().min(3600).max(604800).nullish(),
  featureFlags: z.array(z.string().max(256).regex(/^[a-zA-Z0-9\-_.]+$/)).max(25).optional(),
  sessionId: z.string().max(64).regex(/^[a-zA-Z0-9@_-]+$/).nullish(),
  application: z
    .object({
      name: storableString().min(1),
      uid: uid.nullish(),
      throttleRate: z.number().int().min(1).max(65535).nullish(),
      metadata: z.record(storableString(), storableString()).optional(),
    })
    .nullish(),
  branding: brandingSchema.nullish(),
  allowedOrigins: originListSchema.nullish(),
  /** The portal's language for this link (the user can still switch). */
  locale: z.enum(LOCALES).nullish(),
});
