import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import { porthole } from "./lint/plugin.mjs";

// Restricted modules, by pattern: `svix` and any of its sub-paths; lib/core by alias or by any
// relative path (`../../lib/core/…`: from app/ and components/ every relative way there passes "lib/core").
const SVIX = { regex: "^svix(/.*)?$", message: "Only lib/delivery-api talks to the delivery API." };
const CORE = { regex: "(^|/)lib/core(/.*)?$", message: "The portal reaches the core through lib/delivery-api." };

/** `no-restricted-imports` sees static imports and re-exports only: the same modules through `import()`, `import("…")` types and `require`. */
function dynamicImports({ regex, message }) {
  const re = `/${regex.replaceAll("/", "\\/")}/`;
  return [
    { selector: `ImportExpression[source.value=${re}]`, message },
    { selector: `ImportExpression > TemplateLiteral.source[expressions.length=0][quasis.0.value.cooked=${re}]`, message },
    { selector: `TSImportType[source.value=${re}]`, message },
    { selector: `CallExpression[callee.name="require"][arguments.0.value=${re}]`, message },
  ];
}

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  { ignores: [".next/**", "node_modules/**", ".porthole/**", "drizzle/**", "next-env.d.ts"] },
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Layering: no import leads back to its importer, type-only imports included.
    files: ["app/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}", "scripts/**/*.ts", "*.ts"],
    plugins: { porthole },
    rules: { "porthole/no-import-cycle": "error" },
  },
  {
    // Architecture: the svix SDK is known to lib/delivery-api only; the embedded core stays out of the portal.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}"],
    ignores: ["lib/delivery-api/**", "app/api/v1/**", "instrumentation.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [SVIX] }],
      "no-restricted-syntax": ["error", ...dynamicImports(SVIX)],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    ignores: ["app/api/v1/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [SVIX, CORE] }],
      "no-restricted-syntax": ["error", ...dynamicImports(SVIX), ...dynamicImports(CORE)],
    },
  },
];

export default config;
