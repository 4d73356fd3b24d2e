/** What the demo receiver keeps of one delivery. */
export type DemoDelivery = {
  receivedAt: string;
  /** webhook-id / svix-id: the message id. */
  id: string | null;
  timestamp: string | null;
  signature: string | null;
  contentType: string | null;
  body: string;
  /** The body was longer than MAX_BODY_BYTES and is cut. */
  truncated: boolean;
};

export const MAX_DELIVERIES = 100;
export const MAX_BODY_BYTES = 20_000;

type Store = { deliveries: DemoDelivery[] };
const globalStore = globalThis as typeof globalThis & { __portholeDemoReceiver?: Store };

// In this process's memory, bounded: it is a demo, and anyone may post to it.
const store: Store = (globalStore.__portholeDemoReceiver ??= { deliveries: [] });

export function record(delivery: DemoDelivery): void {
  store.deliveries.unshift(delivery);
  store.deliveries.length = Math.min(store.deliveries.length, MAX_DELIVERIES);
}

/** Newest first. */
export function recent(): DemoDelivery[] {
  return [...store.deliveries];
}
