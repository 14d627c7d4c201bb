import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address';

const h = (xff?: string) => new Headers(xff === undefined ? {} : { 'x-forwarded-for': xff });

describe('client address', () => {
  it('takes the entry the nearest trusted proxy added', () => {
    expect(clientAddress(h('203.0.113.7'), 1)).toBe('203.0.113.7');
    expect(clientAddress(h('10.9.9.9, 203.0.113.7'), 1)).toBe('203.0.113.7'); // a forged first entry is ignored
    expect(clientAddress(h('203.0.113.7, 10.0.0.2'), 2)).toBe('203.0.113.7');
    expect(clientAddress(h(), 1)).toBeNull();
  });

  it('counts IPv4-mapped addresses as IPv4 and IPv6 clients by their /64', () => {
    expect(clientAddress(h('::ffff:127.0.0.1'), 1)).toBe('127.0.0.1');
    expect(clientAddress(h('2001:db8:1:2:aaaa::1'), 1)).toBe('2001:db8:1:2::/64');
    expect(clientAddress(h('2001:db8:1:2:bbbb:cccc:dddd:eeee'), 1)).toBe('2001:db8:1:2::/64');
    expect(clientAddress(h('::1'), 1)).toBe('0:0:0:0::/64');
    expect(clientAddress(h('not an address'), 1)).toBeNull();
  });
});
