/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Lets a second build (a benchmark, a parallel check) live beside the main one without clobbering it.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // PostHog's paths end in "/" and the proxy mirrors them; both forms must reach the handler, not a redirect.
  skipTrailingSlashRedirect: true,
  // The emulator is a separate program reached over HTTP; keep its native module out of the app bundle.
  serverExternalPackages: ["better-sqlite3"],
};

module.exports = nextConfig;
