import { createRequire } from 'node:module';
import type * as Restify from 'restify';

// restify requires `spdy` at load time, whose `http-deceiver` reads `process.binding('http_parser')`:
// Node prints DEP0111 twice on every start. The HTTP/2-over-spdy path is never used here (plain HTTP behind
// the platform's TLS), and neither package has a release without the call, so the warning is silenced for
// this one synchronous require only; any other deprecation still prints.
const require = createRequire(import.meta.url);
const previous = process.noDeprecation;
process.noDeprecation = true;
let loaded: typeof Restify;
try {
  loaded = require('restify') as typeof Restify;
} finally {
  process.noDeprecation = previous;
}

export const restify = loaded;
export type { Request, Response, Server } from 'restify';
