import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const KSUID_EPOCH_S = 1_400_000_000;
const LENGTH = 27;

export type IdPrefix = "app_" | "ep_" | "msg_" | "atmpt_" | "qtask_" | "ps_";

/**
 * Svix's ids: prefix + KSUID in base62. 20 bytes = 4 bytes of seconds since the KSUID epoch,
 * 1 byte of 4 ms units, 15 random bytes; so ids sort by creation time and serve as cursors.
 */
export function newId(prefix: IdPrefix, at: Date = new Date()): string {
  return prefix + encode(ksuidBytes(at.getTime(), randomBytes(15)));
}

/** The smallest (or largest) id of the given millisecond: a cursor for time-range filters. */
export function boundaryId(prefix: IdPrefix, at: Date, edge: "min" | "max"): string {
  return prefix + encode(ksuidBytes(at.getTime(), Buffer.alloc(15, edge === "min" ? 0 : 0xff)));
}

function ksuidBytes(ms: number, payload: Buffer): Buffer {
  const buf = Buffer.alloc(20);
  buf.writeUInt32BE(Math.max(0, Math.floor(ms / 1000) - KSUID_EPOCH_S), 0);
  buf.writeUInt8((ms % 1000) >> 2, 4);
  payload.copy(buf, 5);
  return buf;
}

function encode(bytes: Buffer): string {
  let n = BigInt("0x" + bytes.toString("hex"));
  let out = "";
  while (n > 0n) {
    out = ALPHABET[Number(n % 62n)] + out;
    n /= 62n;
  }
  return out.padStart(LENGTH, "0");
}

/** The creation time encoded in an id, or null when it is not one of ours. */
export function idTime(id: string): Date | null {
  const body = id.slice(id.indexOf("_") + 1);
  if (body.length !== LENGTH || !/^[0-9A-Za-z]+$/.test(body)) return null;
  let n = 0n;
  for (const ch of body) n = n * 62n + BigInt(ALPHABET.indexOf(ch));
  const hex = n.toString(16).padStart(40, "0");
  const seconds = parseInt(hex.slice(0, 8), 16) + KSUID_EPOCH_S;
  const fourMs = parseInt(hex.slice(8, 10), 16);
  return new Date(seconds * 1000 + fourMs * 4);
}
