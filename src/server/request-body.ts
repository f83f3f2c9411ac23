import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { gunzip, inflate, type InputType, type ZlibOptions } from 'node:zlib';

/** Why a body was refused, with the HTTP status it gets. */
export type BodyErrorCode = 'unsupported-media-type' | 'unsupported-encoding' | 'too-large' | 'bad-encoding' | 'bad-json';

export class BodyError extends Error {
  override readonly name = 'BodyError';
  constructor(
    readonly code: BodyErrorCode,
    readonly status: 400 | 413 | 415,
  ) {
    super(code);
  }
}

const decoders: Record<string, (input: InputType, options: ZlibOptions) => Promise<Buffer>> = {
  gzip: promisify(gunzip),
  'x-gzip': promisify(gunzip),
  deflate: promisify(inflate),
};

/**
 * Reads a JSON request body with limits that hold whatever is sent: at most `maxBytes` on the wire and at
 * most `maxBytes` once unpacked (a 200 KB gzip bomb that unpacks to 200 MB is refused, not inflated), only
 * identity, gzip or deflate encodings (restify's own reader crashed the process on a body that claimed gzip
 * and was not), and JSON only. Every failure is a BodyError with its status; nothing throws past it.
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw new BodyError('unsupported-media-type', 415);
  const encoding = String(req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  const decode = encoding === 'identity' || encoding === '' ? undefined : decoders[encoding];
  if (encoding !== 'identity' && encoding !== '' && !decode) throw new BodyError('unsupported-encoding', 415);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw new BodyError('too-large', 413);

  const raw = await readAll(req, maxBytes);
  let text: string;
  if (decode) {
    try {
      text = (await decode(raw, { maxOutputLength: maxBytes })).toString('utf8');
    } catch (error) {
      // Node refuses to inflate past maxOutputLength with a RangeError; anything else is a broken stream.
      throw new BodyError(error instanceof RangeError ? 'too-large' : 'bad-encoding', error instanceof RangeError ? 413 : 400);
    }
  } else text = raw.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BodyError('bad-json', 400);
  }
}

/** Collects the request up to `maxBytes`; past it the rest is drained and the request refused. */
function readAll(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > maxBytes) {
        refused = true;
        chunks.length = 0;
        reject(new BodyError('too-large', 413));
        // Keep reading (and dropping) so the socket can carry the 413 back.
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!refused) resolve(Buffer.concat(chunks, size));
    });
    req.on('aborted', () => {
      if (!refused) reject(new BodyError('bad-encoding', 400));
    });
    req.on('error', () => {
      if (!refused) reject(new BodyError('bad-encoding', 400));
    });
  });
}
