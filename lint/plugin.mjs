import { noImportCycle } from "./no-import-cycle.mjs";

/** Porthole's own lint rules (eslint.config.mjs registers them as `porthole/…`). */
export const porthole = {
  meta: { name: "porthole" },
  rules: { "no-import-cycle": noImportCycle },
};
