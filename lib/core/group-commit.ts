/**
 * Group commit: items queue while earlier batches are being written, then go together in the
 * next statement. Each caller still waits for its own item to be written, so nothing is
 * acknowledged before it is durable; under load, one round trip serves many items.
 *
 * One batch is written at a time until `spill` items are waiting; only then do further batches
 * (up to `parallel`) go at once. Big batches are what make this cheap (a statement's fixed cost is
 * paid once for all its rows), so extra connections are used only when one cannot keep up.
 */
export class GroupCommit<I, R> {
  private queue: { item: I; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private writing = 0;
  private readonly maxBatch: number;
  private readonly parallel: number;
  private readonly spill: number;

  constructor(
    private readonly write: (items: I[]) => Promise<R[]>,
    opts: { maxBatch?: number; parallel?: number; spill?: number } = {},
  ) {
    this.maxBatch = opts.maxBatch ?? 500;
    this.parallel = opts.parallel ?? 1;
    this.spill = opts.spill ?? 50;
  }

  add(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.writing === 0 || (this.writing < this.parallel && this.queue.length >= this.spill)) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.writing++;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        const results = await this.write(batch.map((b) => b.item));
        batch.forEach((b, i) => b.resolve(results[i]!));
      } catch (err) {
        if (batch.length === 1) batch[0]!.reject(err);
        // One bad item must not fail its neighbours: write them one by one to find it.
        else await Promise.all(batch.map((b) => this.write([b.item]).then((r) => b.resolve(r[0]!), b.reject)));
      }
      // A second writer stops once the backlog is small again; the first drains it.
      if (this.writing > 1 && this.queue.length < this.spill) break;
    }
    this.writing--;
  }
}
