import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import { porthole } from "./lint/plugin.mjs";

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
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "svix", message: "Only lib/delivery-api talks to the delivery API." }],
        },
      ],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    ignores: ["app/api/v1/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "svix", message: "Only lib/delivery-api talks to the delivery API." }],
          patterns: [{ group: ["@/lib/core", "@/lib/core/*"], message: "The portal reaches the core through lib/delivery-api." }],
        },
      ],
    },
  },
];

export default config;
