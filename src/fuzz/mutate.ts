import { gzipSync } from 'node:zlib';
import type { Random } from './random.js';

/** One request the fuzzer sends, and what was done to make it. */
export interface FuzzRequest {
  body: Buffer;
  headers: Record<string, string>;
  /** Each change made to the valid activity, in order: printed with a failure. */
  changes: string[];
}

// Values of every JSON type, and the strings that have broken things: NUL, lone surrogates, huge, markup,
// prototype names.
const WEIRD: unknown[] = [
  null,
  0,
  -1,
  1.5,
  1e308,
  true,
  false,
  '',
  ' ',
  'x'.repeat(5000),
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '\u202eevil',
  '😀'.repeat(100),
  '<script>alert(1)</script>',
  '=HYPERLINK("http://x","y")',
  '__proto__',
  'constructor',
  [],
  [1, 'a', null, {}],
  {},
  JSON.parse('{"__proto__":{"polluted":1}}'),
  { constructor: { prototype: { polluted: 1 } } },
];
/** A fresh copy each time: a value put in one case must not carry changes into the next. */
const weird = (r: Random): unknown => {
  const value = r.pick(WEIRD);
  return value !== null && typeof value === 'object' ? JSON.parse(JSON.stringify(value)) : value;
};
const KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'value', 'id', 'name', 'text', 'extra'];

/** Sets a property as JSON.parse would: "__proto__" becomes a key, not the object's prototype. */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Every object and array in the tree, with the path to it. */
function containers(value: unknown, path: string[] = [], out: Array<{ path: string[]; node: Record<string, unknown> | unknown[] }> = []) {
  if (value && typeof value === 'object') {
    out.push({ path, node: value as Record<string, unknown> });
    for (const [key, child] of Object.entries(value)) containers(child, [...path, key], out);
  }
  return out;
}

function mutateString(r: Random, s: string): string {
  const at = r.int(s.length + 1);
  switch (r.int(5)) {
    case 0:
      return `${s.slice(0, at)}\u0000${s.slice(at)}`;
    case 1:
      return `${s.slice(0, at)}${r.pick(['\ud83d', '\ude00', '\udbff'])}${s.slice(at)}`;
    case 2:
      return s.slice(0, at);
    case 3:
      return s.repeat(1 + r.int(400)).slice(0, 20_000);
    default:
      return s.toUpperCase();
  }
}

/** One change somewhere in the activity: a field removed, given a value of another type, added, or its text garbled. */
function change(r: Random, activity: Record<string, unknown>): string {
  const { path, node } = r.pick(containers(activity));
  const keys = Object.keys(node);
  const where = (key: string) => [...path, key].join('.');
  const op = r.int(keys.length ? 5 : 1);
  if (op === 0 || keys.length === 0) {
    const key = Array.isArray(node) ? String(node.length) : r.pick(KEYS);
    put(node as Record<string, unknown>, key, weird(r));
    return `added ${where(key)}`;
  }
  const key = r.pick(keys);
  const current = (node as Record<string, unknown>)[key];
  if (op === 1) {
    if (Array.isArray(node)) node.splice(Number(key), 1);
    else delete node[key];
    return `removed ${where(key)}`;
  }
  if (op === 2 && typeof current === 'string') {
    put(node as Record<string, unknown>, key, mutateString(r, current));
    return `garbled ${where(key)}`;
  }
  if (op === 3) {
    put(node as Record<string, unknown>, key, [current]);
    return `wrapped ${where(key)} in a list`;
  }
  put(node as Record<string, unknown>, key, weird(r));
  return `replaced ${where(key)}`;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

/** A body that is not a well-formed activity at all: broken JSON, another type, too big, too deep, wrong encoding. */
function brokenBody(r: Random, json: string): FuzzRequest {
  const text = (body: string | Buffer, what: string, headers: Record<string, string> = JSON_HEADERS): FuzzRequest => ({
    body: Buffer.isBuffer(body) ? body : Buffer.from(body),
    headers,
    changes: [what],
  });
  switch (r.int(10)) {
    case 0:
      return text(json.slice(0, r.int(json.length)), 'cut short');
    case 1:
      return text(r.pick(['[]', '42', '"text"', 'null', 'true', '', '{}', '[{}]']), 'not an activity');
    case 2: {
      const depth = r.pick([100, 5000, 100_000]);
      return text(`${'['.repeat(depth)}${']'.repeat(depth)}`, `nested ${depth} deep`);
    }
    case 3:
      return text(Buffer.from(Array.from({ length: 1 + r.int(300) }, () => r.int(256))), 'random bytes');
    case 4:
      return text(`{"type":"message","text":"${'x'.repeat(300 * 1024)}"}`, 'over 256 KB');
    case 5:
      return text(json, 'sent as text/plain', { 'content-type': 'text/plain' });
    case 6:
      return text(r.chance(0.5) ? gzipSync(json) : Buffer.from('not gzip'), 'gzip', { ...JSON_HEADERS, 'content-encoding': 'gzip' });
    case 7:
      return text(`\ufeff${json}`, 'byte order mark');
    case 8:
      return text(json.replace('{', '{"type":"message","type":"invoke",'), 'duplicate keys');
    default:
      return text(json.replace(/"/g, "'"), 'single quotes');
  }
}

/** A mutated request from a valid activity: mostly one to four changes inside it, sometimes a broken body. */
export function mutate(r: Random, activity: Record<string, unknown>): FuzzRequest {
  if (r.chance(0.1)) return brokenBody(r, JSON.stringify(activity));
  const changes = Array.from({ length: 1 + r.int(4) }, () => change(r, activity));
  return { body: Buffer.from(JSON.stringify(activity)), headers: JSON_HEADERS, changes };
}
