import "server-only";
import { z } from "zod";
import { call, type AppScope } from "./client";
import type { CatalogEventType, EventCatalog } from "./types-event-types";

const PAGE_SIZE = 250;
/** 20 pages of 250: far more event types than a catalog page can usefully show. */
const MAX_PAGES = 20;

/** Schemas are the SaaS's own JSON, keyed by version ("1", "2", …); anything else reads as none. */
const versionedSchemas = z.record(z.string(), z.record(z.string(), z.unknown()));

/**
 * The event catalog the session may see: archived types left out, schemas and examples in. The
 * app-scoped token already hides feature-flagged types the session is not entitled to.
 */
export async function listEventCatalog(scope: AppScope): Promise<EventCatalog> {
  const data: CatalogEventType[] = [];
  let iterator: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await call(() => scope.svix.eventType.list({ limit: PAGE_SIZE, iterator, includeArchived: false, withContent: true }));
    for (const t of res.data) {
      if (t.archived) continue;
      data.push(catalogEntry(t));
    }
    if (res.done || res.iterator === null) return { data, truncated: false };
    iterator = res.iterator;
  }
  return { data, truncated: true };
}

type UpstreamEventType = { name: string; description: string; deprecated: boolean; schemas?: unknown; featureFlag?: string | null; featureFlags?: string[] | null };

function catalogEntry(t: UpstreamEventType): CatalogEventType {
  const schema = newestSchema(t.schemas);
  const examples = schema && Array.isArray(schema.examples) ? (schema.examples as unknown[]) : [];
  return {
    name: t.name,
    description: t.description,
    deprecated: t.deprecated,
    schema,
    examples,
    featureFlag: t.featureFlag ?? t.featureFlags?.[0] ?? null,
  };
}

function newestSchema(schemas: unknown): Record<string, unknown> | null {
  const parsed = versionedSchemas.safeParse(schemas);
  if (!parsed.success) return null;
  const versions = Object.keys(parsed.data).sort((a, b) => Number(b) - Number(a) || b.localeCompare(a));
  const newest = versions[0];
  return newest === undefined ? null : (parsed.data[newest] ?? null);
}
