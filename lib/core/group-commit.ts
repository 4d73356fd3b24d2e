/**
 * Group commit: items queue while earlier batches are being written, then go together in the
 * next statement. Each caller still waits for its own item to be written, so nothing is
 * acknowledged before it is durable; under load, one round trip serves many items. Up to
 * `parallel` batches are written at once, so the database's connections are used side by side.
 */
export class GroupCommit<I, R> {
  private queue: { item: I; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private writing = 0;

  constructor(
    private readonly write: (items: I[]) => Promise<R[]>,
    private readonly opts: { maxBatch?: number; parallel?: number } = {},
  ) {}

  add(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.writing < (this.opts.parallel ?? 1)) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.writing++;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.opts.maxBatch ?? 500);
      try {
        const results = await this.write(batch.map((b) => b.item));
        batch.forEach((b, i) => b.resolve(results[i]!));
      } catch (err) {
        if (batch.length === 1) batch[0]!.reject(err);
        // One bad item must not fail its neighbours: write them one by one to find it.
        else await Promise.all(batch.map((b) => this.write([b.item]).then((r) => b.resolve(r[0]!), b.reject)));
      }
    }
    this.writing--;
  }
}
