import { describe, expect, it } from "vitest";
import { GroupCommit } from "@/lib/core/group-commit";

/** A writer whose batches finish only when the test releases them, recording what each held. */
function heldWriter() {
  const batches: number[][] = [];
  const pending: (() => void)[] = [];
  let open = 0;
  let mostOpen = 0;
  const write = (items: number[]): Promise<number[]> => {
    batches.push(items);
    open++;
    mostOpen = Math.max(mostOpen, open);
    return new Promise((resolve) => {
      pending.push(() => {
        open--;
        resolve(items.map((i) => i * 10));
      });
    });
  };
  const releaseAll = async () => {
    while (pending.length > 0) {
      for (const release of pending.splice(0)) release();
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { write, batches, releaseAll, mostOpen: () => mostOpen };
}

describe("GroupCommit", () => {
  it("writes what queued during a write as one batch, and answers each caller with its own result", async () => {
    const w = heldWriter();
    const gc = new GroupCommit(w.write, { parallel: 4, spill: 100 });
    const results = [1, 2, 3, 4, 5].map((i) => gc.add(i));
    await w.releaseAll();
    expect(await Promise.all(results)).toEqual([10, 20, 30, 40, 50]);
    // The first item starts a write at once; the rest waited for it and went together.
    expect(w.batches).toEqual([[1], [2, 3, 4, 5]]);
    expect(w.mostOpen()).toBe(1);
  });

  it("opens further writers only once `spill` items are waiting, and never more than `parallel`", async () => {
    const w = heldWriter();
    const gc = new GroupCommit(w.write, { parallel: 3, spill: 4 });
    const results = Array.from({ length: 20 }, (_, i) => gc.add(i));
    await w.releaseAll();
    expect(await Promise.all(results)).toEqual(Array.from({ length: 20 }, (_, i) => i * 10));
    expect(w.mostOpen()).toBe(3);
    // [0] alone, then a second writer took the first four waiting, a third the next four.
    expect(w.batches.slice(0, 3)).toEqual([[0], [1, 2, 3, 4], [5, 6, 7, 8]]);
    expect(w.batches.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it("fails only the item that cannot be written, not its batch neighbours", async () => {
    let first = true;
    const gc = new GroupCommit<number, number>(async (items) => {
      if (first) {
        first = false;
        await new Promise((r) => setTimeout(r, 5));
      }
      if (items.includes(3)) throw new Error("bad item");
      return items;
    });
    const results = await Promise.allSettled([1, 2, 3, 4].map((i) => gc.add(i)));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
  });
});
