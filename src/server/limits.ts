import type { Request, Response, Server } from './restify.js';
import type { Config } from '../config.js';

/**
 * Node's defaults let a client hold a socket for minutes (a false Content-Length kept one open 300 s) and
 * accept connections without bound. Each limit is set on purpose; the README's "Security and operations"
 * lists them.
 */
export function applyServerLimits(server: Server, config: Config): void {
  const http = server.server;
  // A request's headers, then the whole request, must arrive within these; Teams sends small requests at once.
  http.headersTimeout = config.HEADERS_TIMEOUT_MS;
  http.requestTimeout = config.REQUEST_TIMEOUT_MS;
  // Node checks those two only every 30 s (connectionsCheckingInterval, which restify gives no way to set):
  // a socket that sends nothing for this long is closed at once.
  http.timeout = config.REQUEST_TIMEOUT_MS;
  // An idle kept-alive connection is closed after this (load balancers reuse connections within it).
  http.keepAliveTimeout = config.KEEP_ALIVE_TIMEOUT_MS;
  http.maxConnections = config.MAX_CONNECTIONS;
  http.maxHeadersCount = 100;
}

/** On every response: nothing is sniffed, framed, cached or referred. The API serves JSON only. */
export function securityHeaders(_req: Request, res: Response, next: () => void): void {
  res.header('X-Content-Type-Options', 'nosniff');
  res.header('Cache-Control', 'no-store');
  res.header('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
  res.header('X-Frame-Options', 'DENY');
  res.header('Referrer-Policy', 'no-referrer');
  next();
}
