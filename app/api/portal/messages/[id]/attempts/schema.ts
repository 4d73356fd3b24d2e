import { z } from "zod";
import { name, pageParams } from "../../schema";

export const attemptsQuery = z.object({ endpoint: name.optional(), ...pageParams });
