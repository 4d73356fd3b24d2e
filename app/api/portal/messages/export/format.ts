import type { MessageSummary } from "@/lib/delivery-api/types-messages";
import { csvRow } from "./csv";

/**
 * How an export is written, piece by piece as pages arrive. When the row cap cut it short:
 * JSON ends with `"truncated": true` after the rows; CSV ends with a line starting with `#`
 * (no data row can: every one starts with a message id).
 */
export type ExportFormat = {
  contentType: string;
  extension: string;
  head: string;
  rows(rows: MessageSummary[], first: boolean): string;
  tail(truncated: boolean, max: number): string;
};

export function csvFormat(withStatus: boolean): ExportFormat {
  const columns = ["id", "eventId", "eventType", "timestamp", "channels", ...(withStatus ? ["status"] : [])];
  return {
    contentType: "text/csv; charset=utf-8",
    extension: "csv",
    head: csvRow(columns),
    rows: (rows) =>
      rows
        .map((m) => csvRow([m.id, m.eventId ?? "", m.eventType, m.timestamp, m.channels.join(","), ...(withStatus ? [m.status ?? ""] : [])]))
        .join(""),
    tail: (truncated, max) => (truncated ? `# truncated: this export stops at ${max} rows; narrow the filters to see the rest\r\n` : ""),
  };
}

export const jsonFormat: ExportFormat = {
  contentType: "application/json; charset=utf-8",
  extension: "json",
  head: '{"data":[',
  rows: (rows, first) => (first ? "" : ",") + rows.map((m) => JSON.stringify(m)).join(","),
  tail: (truncated) => `],"truncated":${truncated}}`,
};
