import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { applications, endpoints, eventTypes } from "@/lib/db/schema";
import { generateSecret } from "./dispatcher/signing";
import { newId } from "./ids";

const invoice = (status: string) => ({
  type: "object",
  required: ["id", "amount", "currency", "status"],
  properties: {
    id: { type: "string" },
    amount: { type: "integer", description: "In the currency's smallest unit" },
    currency: { type: "string" },
    status: { type: "string" },
  },
  examples: [{ id: "in_1Mq2", amount: 4200, currency: "eur", status }],
});

const DEMO_EVENT_TYPES = [
  { name: "invoice.paid", description: "An invoice was paid in full.", schemas: { "1": invoice("paid") } },
  { name: "invoice.payment_failed", description: "A payment attempt for an invoice failed.", schemas: { "1": invoice("open") } },
  {
    name: "customer.created",
    description: "A new customer signed up.",
    schemas: {
      "1": {
        type: "object",
        required: ["id", "email"],
        properties: { id: { type: "string" }, email: { type: "string", format: "email" } },
        examples: [{ id: "cus_9s6X", email: "ada@example.com" }],
      },
    },
  },
];

export const DEMO_APP_UID = "demo";

/**
 * Porthole's built-in receiver (app/demo/receiver): the demo endpoint delivers there, so a first
 * message shows a green delivery without a receiver of your own. The SSRF guard exempts this one URL
 * (CoreOptions.exemptUrls).
 */
export function demoReceiverUrl(portalUrl: string): string {
  return `${portalUrl}/demo/receiver`;
}


/** A demo application to look at on first start; only ever into an empty database. */
export async function seedDemo(db: Db, opts: { portalUrl: string }): Promise<{ appId: string } | null> {
  return db.transaction(async (tx) => {
    // Two processes starting at once on one Postgres must not both seed.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(727275)`);
    const [existing] = await tx.select({ id: applications.id }).from(applications).limit(1);
    const [anyType] = await tx.select({ name: eventTypes.name }).from(eventTypes).limit(1);
    if (existing || anyType) return null;
    const appId = newId("app_");
    await tx.insert(applications).values({ id: appId, uid: DEMO_APP_UID, name: "Demo application", metadata: { seeded: "true" } });
    await tx.insert(eventTypes).values(DEMO_EVENT_TYPES);
    await tx.insert(endpoints).values({
      id: newId("ep_"),
      appId,
      url: demoReceiverUrl(opts.portalUrl),
      description: "Demo endpoint: Porthole's built-in receiver; point it at your own",
      secret: generateSecret(),
    });
    return { appId };
  });
}

/** The demo application, when there is one (seeded now or on an earlier start, and not deleted). */
export async function findDemoApp(db: Db): Promise<{ id: string } | null> {
  const [app] = await db.select({ id: applications.id }).from(applications).where(eq(applications.uid, DEMO_APP_UID)).limit(1);
  return app ?? null;
}
