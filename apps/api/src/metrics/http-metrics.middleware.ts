import type { NextFunction, Request, Response } from 'express';
import type { Histogram } from 'prom-client';

/** Label for requests no route matched: raw URLs would make one series per probe of a scanner. */
export const UNMATCHED_ROUTE = '(unmatched)';
/** Label for requests answered by middleware outside the router (e.g. static docs assets). */
export const UNROUTED = '(unrouted)';

/**
 * Observes every request's latency when its response ends, labelled by the route pattern
 * (`/v1/deployments/:id`, not the URL), method and status. Mounted first, so it also times
 * requests that failed in body parsing or matched no route.
 */
export function httpMetricsMiddleware(histogram: Histogram<'route' | 'method' | 'status'>) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const stop = histogram.startTimer();
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      stop({ route: routeLabel(req, res), method: req.method, status: String(res.statusCode) });
    };
    res.once('finish', finish);
    res.once('close', finish);
    next();
  };
}

function routeLabel(req: Request, res: Response): string {
  const route: unknown = req.route;
  if (route && typeof route === 'object' && 'path' in route && typeof route.path === 'string') {
    return `${req.baseUrl}${route.path}`;
  }
  return res.statusCode === 404 ? UNMATCHED_ROUTE : UNROUTED;
}
