import createNextIntlPlugin from "next-intl/plugin";

/** @type {import("next").NextConfig} */
const nextConfig = {
  // PGlite ships WASM and data files it loads from its own package folder, and the
  // Postgres driver / undici use Node internals: load them from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "undici", "svix", "jose", "pino", "pino-pretty"],
  poweredByHeader: false,
  reactStrictMode: true,
  // Every response, the Svix API and static files included (proxy.ts adds the pages' policy).
  // No Referer anywhere: sign-in and confirmation URLs carry tokens in their query.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "x-content-type-options", value: "nosniff" },
          { key: "referrer-policy", value: "no-referrer" },
        ],
      },
    ];
  },
};

// Message catalogs: i18n/request.ts picks the language per request (no locale in the path).
const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

export default withNextIntl(nextConfig);
