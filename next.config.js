/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // PostHog's paths end in "/" and the proxy mirrors them; both forms must reach the handler, not a redirect.
  skipTrailingSlashRedirect: true,
  // The emulator is a separate program reached over HTTP; keep its native module out of the app bundle.
  serverExternalPackages: ["better-sqlite3"],
};

module.exports = nextConfig;
