import { z } from "zod";

export const directSessionBody = z.object({ appId: z.string().min(1).max(256) });
