/**
 * A JSON value as the lines of its pretty-printed form, so a viewer can fold and virtualize it:
 * only the lines on screen become DOM, and a fold is a jump from an opening line to its close.
 * Tokens (colours, quoting) are made per line when it is drawn, not here.
 */

export type Primitive = string | number | boolean | null;

export type JsonLine =
  | { kind: "open"; depth: number; key: string | null; bracket: "{" | "["; size: number; close: number }
  | { kind: "close"; depth: number; bracket: "}" | "]"; comma: boolean }
  | { kind: "value"; depth: number; key: string | null; value: Primitive | "{}" | "[]"; empty: boolean; comma: boolean };

/** Where nesting is too deep for the stack, the rest is shown as one string line. */
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
      const entries: [string | null, unknown][] = isArray ? (value as unknown[]).map((v) => [null, v]) : Object.entries(value);
      if (entries.length === 0) {
        lines.push({ kind: "value", depth, key, value: isArray ? "[]" : "{}", empty: true, comma });
        continue;
      }
      const at = lines.length;
      lines.push({ kind: "open", depth, key, bracket: isArray ? "[" : "{", size: entries.length, close: -1 });
      stack.push({ closeOf: at, depth, bracket: isArray ? "]" : "}", comma });
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, v] = entries[i]!;
        stack.push({ key: k, value: v, depth: depth + 1, comma: i < entries.length - 1 });
      }
      continue;
    }
    lines.push({ kind: "value", depth, key, value: primitive(value), empty: false, comma });
  }
  return lines;
}

function primitive(value: unknown): Primitive {
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  // Past MAX_DEPTH (or a value JSON cannot carry): shown as its text.
  return JSON.stringify(value) ?? String(value);
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
