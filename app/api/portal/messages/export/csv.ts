/**
 * RFC 4180 fields. A spreadsheet runs a cell that starts with = + - @ (or a tab/CR that hides
 * one) as a formula, so such values get a leading apostrophe: shown as text, never evaluated.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvRow(values: readonly string[]): string {
  return values.map(csvField).join(",") + "\r\n";
}
