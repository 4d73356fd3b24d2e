/** The postMessage envelope's version: `{porthole: 1, type, payload}`. */
export const PROTOCOL = 1;

/** Posts to the host page, only ever to an exact allowed origin (never "*"). */
export function tellParent(origins: string[], type: string, payload: unknown = {}): void {
  if (window.parent === window) return;
  for (const origin of origins) window.parent.postMessage({ porthole: PROTOCOL, type, payload }, origin);
}
