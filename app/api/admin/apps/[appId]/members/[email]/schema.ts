import { z } from "zod";
import { memberEmailSchema } from "@/lib/admin/members";
import { CAPABILITIES, capabilitySchema } from "@/lib/session/capabilities";

export const memberParams = z.object({ email: memberEmailSchema });

/** Omitted or null capabilities: magic-link login's default applies. */
export const putMemberBody = z.strictObject({
  capabilities: z.array(capabilitySchema).max(CAPABILITIES.length * 2).nullish(),
});
