/** A realistic ~200-byte JSON payload, different per message so nothing is cached by accident. */
export function samplePayload(i: number): Record<string, unknown> {
  return {
    id: `in_${String(i).padStart(10, "0")}`,
    object: "invoice",
    customer: "cus_8f2Kd93LmQzP1x",
    amount_due: 4200 + (i % 1000),
    currency: "eur",
    status: "paid",
    lines: [{ sku: "plan-pro-monthly", quantity: 1 }],
    created: 1_760_000_000 + i,
  };
}

export const EVENT_TYPE = "invoice.paid";
