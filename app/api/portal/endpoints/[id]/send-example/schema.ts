import { z } from "zod";
import { eventTypeName } from "../../schema";

export const sendExampleIn = z.object({ eventType: eventTypeName });
