import { describe, expect, test } from "vitest";
import { allFolds, toLines, visibleLines, type JsonLine } from "@/components/portal/json-viewer/lines";

/** The lines back as text, the way the viewer draws them unfolded. */
function render(lines: JsonLine[], shown: Int32Array): string {
  return Array.from(shown, (i) => {
    const l = lines[i]!;
    const pad = "  ".repeat(l.depth);
    const key = "key" in l && l.key !== null ? `${JSON.stringify(l.key)}: ` : "";
    if (l.kind === "close") return `${pad}${l.bracket}${l.comma ? "," : ""}`;
    if (l.kind === "value") return `${pad}${key}${l.bare ? l.value : JSON.stringify(l.value)}${l.comma ? "," : ""}`;
    return `${pad}${key}${l.bracket}`;
  }).join("\n");
}

describe("json-viewer lines", () => {
  const value = { id: "in_1", amount: 4200, paid: true, note: null, tags: ["a", "b"], customer: { id: "cus_1", meta: {} }, items: [] };

  test("unfolded, the lines are JSON.stringify's pretty form, line for line", () => {
    const lines = toLines(value);
    expect(render(lines, visibleLines(lines, new Set()))).toBe(JSON.stringify(value, null, 2));
  });

  test("a fold hides everything to its close; collapse all leaves the root's keys", () => {
    const lines = toLines(value);
    const tags = lines.findIndex((l) => l.kind === "open" && l.key === "tags");
    const shown = visibleLines(lines, new Set([tags]));
    expect(shown.length).toBe(lines.length - 3);
    expect(Array.from(shown)).not.toContain(tags + 1);
    const all = visibleLines(lines, allFolds(lines));
    expect(Array.from(all, (i) => lines[i]!.depth).every((d) => d <= 1)).toBe(true);
    expect(all.length).toBe(Object.keys(value).length + 2);
  });

  test("a scalar root, and nesting deeper than the stack would take", () => {
    expect(toLines("x")).toEqual([{ kind: "value", depth: 0, key: null, value: "x", bare: false, comma: false }]);
    let deep: unknown = 1;
    for (let i = 0; i < 20_000; i++) deep = [deep];
    const lines = toLines(deep);
    expect(lines.length).toBeGreaterThan(500);
    expect(lines.at(-1)).toMatchObject({ kind: "close", depth: 0 });
    expect(lines.find((l) => l.kind === "value")).toMatchObject({ value: "[…]", bare: true });
  });
});
