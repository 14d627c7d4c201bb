import { z } from 'zod';

const IPV4 = z.ipv4();
const IPV6 = z.ipv6();

/** 4, 6 or 0, as node:net's isIP, without a Node import in the client-safe layer. */
function isIP(address: string): 4 | 6 | 0 {
  if (IPV4.safeParse(address).success) return 4;
  return IPV6.safeParse(address).success ? 6 : 0;
}

// The client's address, for the per-address sign-in limit. Lägesbild is meant to run behind a
// reverse proxy (TLS) that appends the address it sees to X-Forwarded-For; the entry that proxy
// added is the last one. With more proxies in a chain set TRUSTED_PROXY_COUNT to their number.
// Without a proxy, Next.js fills the header from the socket only when the client sent none, so a
// client could choose its own address: the per-account limit and the lockout still hold (README).

/** IPv6 clients get a /64 each and can rotate within it: count the /64. */
function normalise(address: string): string | null {
  let a = address.trim().replace(/^\[|\]$/g, '');
  if (a.toLowerCase().startsWith('::ffff:') && isIP(a.slice(7)) === 4) a = a.slice(7);
  const kind = isIP(a);
  if (kind === 4) return a;
  if (kind !== 6) return null;
  const [head = '', tail = ''] = a.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = a.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

export function clientAddress(
  headers: Headers,
  trustedProxies: number = Number(process.env.TRUSTED_PROXY_COUNT ?? 1),
): string | null {
  const chain = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (chain.length === 0) return null;
  const hops = Number.isInteger(trustedProxies) && trustedProxies > 0 ? trustedProxies : 1;
  return normalise(chain[Math.max(0, chain.length - hops)]!);
}
