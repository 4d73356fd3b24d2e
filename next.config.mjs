/** @type {import("next").NextConfig} */
const nextConfig = {
  // PGlite ships WASM and data files it loads from its own package folder, and the
  // Postgres driver / undici use Node internals: load them from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "undici", "svix", "jose", "pino", "pino-pretty"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
