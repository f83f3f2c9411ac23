import net from 'node:net';

// Preloaded into the Agents Playground (`npm run playground`). Its CLI has no host option and listens on
// every interface; it sends no auth header and drives a bot running with authentication off, so on a
// shared network anyone could talk to the bot through it. A listen() that names no host gets loopback.
const LOOPBACK = '127.0.0.1';
const listen = net.Server.prototype.listen;

net.Server.prototype.listen = function (this: net.Server, ...args: unknown[]) {
  const [first, second] = args;
  if (typeof first === 'number' && (args.length === 1 || typeof second === 'function')) args.splice(1, 0, LOOPBACK);
  else if (first && typeof first === 'object' && 'port' in first && !('host' in first)) args[0] = { ...first, host: LOOPBACK };
  return listen.apply(this, args as Parameters<typeof listen>);
} as typeof listen;
