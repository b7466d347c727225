import type { NextConfig } from 'next';
import path from 'node:path';

/** The console's Next.js config; the API proxy is src/proxy.ts (read per request, not baked in). */
const nextConfig: NextConfig = {
  // A second build (the e2e test's) can live beside the dev server's without clobbering it.
  distDir: process.env.CONSOLE_DIST_DIR ?? '.next',
  // Nx and npm workspaces: the monorepo root holds node_modules and the contracts lib.
  turbopack: { root: path.resolve(__dirname, '../..') },
  poweredByHeader: false,
  reactStrictMode: true,
  devIndicators: false,
  // `next dev` answers its HMR socket only to known origins; tests and scripts use 127.0.0.1.
  allowedDevOrigins: ['127.0.0.1', 'localhost'],
  experimental: {
    // Training metric streams and the playground's search stream stay open for minutes; the
    // default proxy timeout (30 s) would cut them (EventSource would reconnect, fetch would not).
    proxyTimeout: 30 * 60_000,
    // src/proxy.ts buffers request bodies it forwards; dataset uploads may be as large as the
    // API accepts (256 MiB per request, apps/api/src/datasets/upload-limits.ts).
    proxyClientMaxBodySize: '256mb',
  },
};

export default nextConfig;
