import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES, refuseRequest } from './request-guard';

const HOST = 'lagesbild.example';

function request(
  path: string,
  { method = 'GET', headers = {} }: { method?: string; headers?: Record<string, string> } = {},
) {
  return { method, url: `https://${HOST}${path}`, headers: new Headers({ host: HOST, ...headers }) };
}

const statusOf = (...args: Parameters<typeof refuseRequest>) => refuseRequest(...args)?.status ?? 'through';

describe('the requests the proxy refuses before Next answers them with 500', () => {
  it('a path that does not decode or holds a NUL: 400', () => {
    for (const path of ['/cases/%zz%', '/cases/%E0%A4%A', '/cases/%ED%A0%80', '/cases/%00', '/cases/a%00b/edit'])
      expect(statusOf(request(path)), path).toBe(400);
    for (const path of ['/cases/%C3%A5', '/cases/abc', '/', '/overview/01', '/cases/a%2Fb'])
      expect(statusOf(request(path)), path).toBe('through');
  });

  it('a NUL in the query string: 400; anything else there is the page’s business', () => {
    expect(statusOf(request('/cases?q=%00'))).toBe(400);
    expect(statusOf(request('/cases?%00=x'))).toBe(400);
    expect(statusOf(request('/cases?q=%zz&from=2025-13-45&q=%ED%A0%80'))).toBe('through');
  });

  it('a body over the server actions’ limit: 413; one of unknown length: 411', () => {
    const post = (headers: Record<string, string>) => request('/cases/new', { method: 'POST', headers });
    expect(statusOf(post({ 'content-length': String(BODY_LIMIT_BYTES + 1), 'next-action': 'x' }))).toBe(413);
    expect(statusOf(post({ 'content-length': String(BODY_LIMIT_BYTES) }))).toBe('through');
    expect(statusOf(post({ 'transfer-encoding': 'chunked', 'next-action': 'x' }))).toBe(411);
    expect(refuseRequest(post({ 'content-length': '2000000' }))?.message).toMatch(/1 MB/);
  });

  it('a mutation from another origin: 403; from this one, or from a script without an Origin, through', () => {
    const post = (headers: Record<string, string>) =>
      request('/cases/new', { method: 'POST', headers: { 'content-length': '10', ...headers } });
    expect(statusOf(post({ origin: 'https://evil.example' }))).toBe(403);
    expect(statusOf(post({ origin: 'null' }))).toBe(403);
    expect(statusOf(post({ origin: 'not a url' }))).toBe(403);
    expect(statusOf(post({ origin: `https://${HOST}` }))).toBe('through');
    expect(statusOf(post({}))).toBe('through');
    // Behind a proxy, the host the browser addressed is X-Forwarded-Host, as Next reads it.
    expect(statusOf(post({ origin: 'https://public.example', 'x-forwarded-host': 'public.example' }))).toBe('through');
    expect(statusOf(request('/cases', { headers: { origin: 'https://evil.example' } }))).toBe('through');
  });

  it('Auth.js’s own endpoints keep their CSRF-token check: an identity provider may post back from its origin', () => {
    const callback = request('/api/auth/callback/oidc', {
      method: 'POST',
      headers: { origin: 'https://idp.example', 'content-length': '100' },
    });
    expect(statusOf(callback, { authEndpoint: true })).toBe('through');
    expect(statusOf(request('/api/auth/%zz%'), { authEndpoint: true })).toBe(400);
  });

  it('uses the limit next.config.js gives Next', () => {
    const require = createRequire(import.meta.url);
    const config = require('../next.config.js');
    expect(config.experimental.serverActions.bodySizeLimit).toBe('1mb');
    expect(BODY_LIMIT_BYTES).toBe(1024 * 1024);
  });
});
