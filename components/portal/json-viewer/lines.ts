/**
 * A JSON value as the lines of its pretty-printed form, so a viewer can fold and virtualize it:
 * only the lines on screen become DOM, and a fold is a jump from an opening line to its close.
 * Tokens (colours, quoting) are made per line when it is drawn, not here.
 */

export type Primitive = string | number | boolean | null;

export type JsonLine =
  | { kind: "open"; depth: number; key: string | null; bracket: "{" | "["; size: number; close: number }
  | { kind: "close"; depth: number; bracket: "}" | "]"; comma: boolean }
  /** `bare`: drawn as it is, not as a JSON scalar (`{}`, `[]`, or `[…]` past MAX_DEPTH). */
  | { kind: "value"; depth: number; key: string | null; value: Primitive; bare: boolean; comma: boolean };

/** Nesting past this is shown folded for good (`[…]`): no real payload goes that deep. */
const MAX_DEPTH = 500;

/** Flattens `root` into lines (iteratively: a deep payload cannot overflow the stack). */
export function toLines(root: unknown): JsonLine[] {
  const lines: JsonLine[] = [];
  type Frame = { key: string | null; value: unknown; depth: number; comma: boolean } | { closeOf: number; depth: number; bracket: "}" | "]"; comma: boolean };
  const stack: Frame[] = [{ key: null, value: root, depth: 0, comma: false }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if ("closeOf" in frame) {
      const open = lines[frame.closeOf] as Extract<JsonLine, { kind: "open" }>;
      open.close = lines.length;
      lines.push({ kind: "close", depth: frame.depth, bracket: frame.bracket, comma: frame.comma });
      continue;
    }
    const { key, value, depth, comma } = frame;
    if (value !== null && typeof value === "object" && depth < MAX_DEPTH) {
      const isArray = Array.isArray(value);
      // No pair array per key (Object.entries): fewer allocations on a large payload.
      const keys = isArray ? null : Object.keys(value);
      const size = keys ? keys.length : (value as unknown[]).length;
      if (size === 0) {
        lines.push({ kind: "value", depth, key, value: isArray ? "[]" : "{}", bare: true, comma });
        continue;
      }
      const at = lines.length;
      lines.push({ kind: "open", depth, key, bracket: isArray ? "[" : "{", size, close: -1 });
      stack.push({ closeOf: at, depth, bracket: isArray ? "]" : "}", comma });
      for (let i = size - 1; i >= 0; i--) {
        const k = keys ? keys[i]! : null;
        const v = keys ? (value as Record<string, unknown>)[k!] : (value as unknown[])[i];
        stack.push({ key: k, value: v, depth: depth + 1, comma: i < size - 1 });
      }
      continue;
    }
    if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
      lines.push({ kind: "value", depth, key, value, bare: false, comma });
    } else {
      lines.push({ kind: "value", depth, key, value: Array.isArray(value) ? "[…]" : "{…}", bare: true, comma });
    }
  }
  return lines;
}

/** The indexes of the lines on screen: a folded opening line stands for itself and everything to its close. */
export function visibleLines(lines: JsonLine[], folded: ReadonlySet<number>): Int32Array {
  const out = new Int32Array(lines.length);
  let n = 0;
  for (let i = 0; i < lines.length; i++) {
    out[n++] = i;
    const line = lines[i]!;
    if (line.kind === "open" && folded.has(i)) i = line.close;
  }
  return out.subarray(0, n);
}

/** Every fold below the top level: what "Collapse all" leaves is the root's own keys. */
export function allFolds(lines: JsonLine[]): Set<number> {
  const out = new Set<number>();
  lines.forEach((line, i) => {
    if (line.kind === "open" && line.depth > 0) out.add(i);
  });
  return out;
}

/** The pretty text for the raw view and copy; null when the value nests deeper than JSON.stringify can go. */
export function prettyText(value: unknown): string | null {
  try {
    return JSON.stringify(value, null, 2) ?? null;
  } catch {
    return null;
  }
}
