/**
 * Same origin with the API: the browser talks only to this server, which forwards the API's paths
 * to API_URL. The session cookie (`prmbas_session`, Path=/) therefore just works, with no CORS and
 * no token in JavaScript. This is a proxy (read per request) rather than next.config rewrites
 * (baked into the build): one build runs against any API.
 *   /trpc/*  tRPC (every page's data)
 *   /v1/*    the OpenAI-compatible serving API (the playground streams from it)
 *   /api/*   the API's REST routes (images, dataset import/export, the training SSE stream, model
 *            artifacts), under /api because their own paths (/datasets/…) are console pages too.
 */
import { NextResponse, type NextRequest } from 'next/server';

function apiBase(): string {
  return (process.env.API_URL ?? 'http://127.0.0.1:3001').replace(/\/+$/, '');
}

export function proxy(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;
  const path = pathname.startsWith('/api/') ? pathname.slice('/api'.length) : pathname;
  return NextResponse.rewrite(new URL(`${apiBase()}${path}${search}`));
}

export const config = {
  matcher: ['/trpc/:path*', '/v1/:path*', '/api/:path*'],
};
