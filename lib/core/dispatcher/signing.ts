import { createHmac, randomBytes } from "node:crypto";
import { boundedMemo } from "../bounded-memo";

const SECRET_PREFIX = "whsec_";

export type HeaderStyle = "webhook" | "svix";

export function generateSecret(): string {
  return SECRET_PREFIX + randomBytes(24).toString("base64");
}

export function secretKey(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  return Buffer.from(encoded, "base64");
}

/** Decoded keys of the secrets in use: each is needed again for every delivery to its endpoint. */
const cachedKey = boundedMemo(1_000, secretKey);

/** Standard Webhooks v1 signature over `${msgId}.${timestamp}.${body}`. */
export function sign(secret: string, msgId: string, timestampSec: number, body: string): string {
  const mac = createHmac("sha256", cachedKey(secret)).update(`${msgId}.${timestampSec}.${body}`).digest("base64");
  return `v1,${mac}`;
}

/** One signature per secret, so receivers keep verifying with the old secret during a rotation grace period. */
export function signatureHeader(secrets: string[], msgId: string, timestampSec: number, body: string): string {
  return secrets.map((secret) => sign(secret, msgId, timestampSec, body)).join(" ");
}

export function webhookHeaders(
  style: HeaderStyle,
  msgId: string,
  timestampSec: number,
  signature: string,
): Record<string, string> {
  const prefix = style === "svix" ? "svix" : "webhook";
  return {
    [`${prefix}-id`]: msgId,
    [`${prefix}-timestamp`]: String(timestampSec),
    [`${prefix}-signature`]: signature,
  };
}
