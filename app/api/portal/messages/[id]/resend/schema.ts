import { z } from "zod";
import { name } from "../../schema";

export const resendBody = z.object({ endpointId: name });
