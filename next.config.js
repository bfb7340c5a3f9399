// Security headers that do not depend on the request; the CSP (with a per-request nonce) is set in proxy.ts.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Separate build folders let several estates (a developer's, an end-to-end run) build side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // The production image (Dockerfile) runs <distDir>/standalone/server.js with only the files the build traced.
  output: "standalone",
  // Pinned to this folder, so a copy of it (the smoke test builds one) is its own root, whatever lock file lies above.
  outputFileTracingRoot: import.meta.dirname,
  turbopack: { root: import.meta.dirname },
  poweredByHeader: false,
  // `npm test` runs tsc over the whole tree; the build need not type-check it a second time.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  // forbidden() renders forbidden.tsx with a 403 status instead of a blank page.
  experimental: { authInterrupts: true },
  // Keep the server-only packages out of the bundler: native/wasm modules and the AWS SDK.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "pg"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
