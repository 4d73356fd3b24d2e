/** Thrown by `readBounded` when a body is over its cap; each API turns it into its own 413. */
export class BodyTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`request body over ${maxBytes} bytes`);
  }
}

export type BoundedBody = { bytes: Buffer; truncated: boolean };

/**
 * The one way a route reads a request body: never more than `maxBytes` are buffered. A declared
 * Content-Length over the cap is refused before a byte is read, and a body without one (chunked)
 * is cut off, its reader cancelled, as soon as it passes the cap — so a client cannot make the
 * server hold a body the route would refuse anyway.
 *
 * `onOverflow: "truncate"` keeps the first `maxBytes` instead of refusing (the demo receiver
 * shows what arrived) and reports that it did.
 */
export async function readBounded(
  req: Request,
  maxBytes: number,
  opts: { onOverflow?: "refuse" | "truncate" } = {},
): Promise<BoundedBody> {
  const truncate = opts.onOverflow === "truncate";
  if (!truncate && declaredLength(req) > maxBytes) throw new BodyTooLarge(maxBytes);
  if (!req.body) return { bytes: Buffer.alloc(0), truncated: false };
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        if (!truncate) throw new BodyTooLarge(maxBytes);
        return { bytes: Buffer.concat(chunks).subarray(0, maxBytes), truncated: true };
      }
    }
  } finally {
    reader.releaseLock();
  }
  return { bytes: Buffer.concat(chunks), truncated: false };
}

/** `readBounded` as UTF-8 text, refusing an oversize body. */
export async function readBoundedText(req: Request, maxBytes: number): Promise<string> {
  return (await readBounded(req, maxBytes)).bytes.toString("utf8");
}

/** The Content-Length the client declared; 0 when absent or not a number (the stream cap still holds). */
function declaredLength(req: Request): number {
  const n = Number(req.headers.get("content-length") ?? "0");
  return Number.isFinite(n) ? n : 0;
}
