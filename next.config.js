/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The emulator is a separate program reached over HTTP; keep its native module out of the app bundle.
  serverExternalPackages: ["better-sqlite3"],
};

module.exports = nextConfig;
