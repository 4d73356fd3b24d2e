/** One entry of the event catalog, as the portal shows it. */
export type CatalogEventType = {
  name: string;
  description: string;
  deprecated: boolean;
  /** The JSON Schema of the newest version, or null when the type has none. */
  schema: Record<string, unknown> | null;
  /** Example payloads from that schema's `examples`. */
  examples: unknown[];
  featureFlag: string | null;
};

export type EventCatalog = {
  data: CatalogEventType[];
  /** True when the catalog was longer than one response carries. */
  truncated: boolean;
};
