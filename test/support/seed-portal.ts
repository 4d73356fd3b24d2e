import { Svix } from "svix";
import { startReceiver } from "./receiver";

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

const invoiceSchema = (status: string) => ({
  type: "object",
  title: "Invoice",
  required: ["id", "amount", "currency"],
  properties: {
    id: { type: "string", description: "The invoice's id." },
    amount: { type: "integer", description: "Amount in the smallest currency unit." },
    currency: { type: "string", description: "ISO 4217 code, lower case." },
    status: { type: "string", enum: ["draft", "open", "paid"] },
    customer: { type: "object", properties: { id: { type: "string" }, email: { type: "string", format: "email" } } },
  },
  examples: [{ id: "in_1Mq2", amount: 4200, currency: "eur", status, customer: { id: "cus_9s6X", email: "ada@example.com" } }],
});

export type SeededPortal = {
  svix: Svix;
  appId: string;
  /** Answers 200 to everything. */
  healthy: Receiver;
  /** Answers 500 until `fix()`. */
  failing: Receiver & { fix(): void };
  endpoints: { healthy: string; failing: string; disabled: string };
  messageIds: string[];
  close(): Promise<void>;
};

/**
 * An application as a customer would have it after a while: an event catalog with schemas, a
 * healthy endpoint, a failing one and a disabled one, and some messages through all of them.
 * The server must allow 127.0.0.1 (`ENDPOINT_ALLOWLIST=127.0.0.1/32`).
 */
export async function seedPortal(serverUrl: string, orgToken: string, opts: { uid?: string; messages?: number } = {}): Promise<SeededPortal> {
  const svix = new Svix(orgToken, { serverUrl });
  const healthy = await startReceiver();
  let broken = true;
  const failingReceiver = await startReceiver(() => (broken ? { status: 500, body: '{"error":"database unavailable"}' } : {}));
  const failing = Object.assign(failingReceiver, { fix: () => void (broken = false) });
  const app = await svix.application.create({ name: "Acme Inc.", uid: opts.uid ?? `acme-${Date.now()}` });
  const types = [
    { name: "invoice.paid", description: "An invoice was paid in full.", schemas: { "1": invoiceSchema("paid") } },
    { name: "invoice.payment_failed", description: "A payment attempt for an invoice failed.", schemas: { "1": invoiceSchema("open") } },
    { name: "customer.created", description: "A customer signed up." },
    { name: "subscription.canceled", description: "A subscription was canceled at the end of its period." },
  ];
  for (const t of types) {
    await svix.eventType.create(t).catch((err: unknown) => {
      // Event types are org-wide: a second seed in one server finds them there.
      if (!(err instanceof Error) || !/409|exists/.test(String((err as { code?: number }).code ?? err.message))) throw err;
    });
  }
  const ok = await svix.endpoint.create(app.id, { url: `${healthy.url}/webhooks`, description: "Production receiver", filterTypes: ["invoice.paid", "invoice.payment_failed"] });
  const bad = await svix.endpoint.create(app.id, { url: `${failing.url}/hooks/acme`, description: "Billing sync" });
  const off = await svix.endpoint.create(app.id, { url: "https://hooks.example.com/legacy", description: "Legacy system", disabled: true });
  const messageIds: string[] = [];
  const count = opts.messages ?? 6;
  for (let i = 0; i < count; i++) {
    const eventType = types[i % 3]!.name;
    const msg = await svix.message.create(app.id, {
      eventType,
      eventId: `evt_${1000 + i}`,
      payload: { id: `in_${1000 + i}`, amount: 1200 + i * 100, currency: "eur", status: "paid", customer: { id: "cus_9s6X", email: "ada@example.com" } },
    });
    messageIds.push(msg.id);
  }
  return {
    svix,
    appId: app.id,
    healthy,
    failing,
    endpoints: { healthy: ok.id, failing: bad.id, disabled: off.id },
    messageIds,
    close: async () => {
      await healthy.close();
      await failing.close();
    },
  };
}
