import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES, refuseActionBody, refuseRequest } from './request-guard';

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

  it('a callback address Auth.js would call a configuration error (its 500): 400, in the query or in its cookie', () => {
    const auth = (path: string, headers: Record<string, string> = {}) =>
      statusOf(request(path, { headers }), { authEndpoint: true });
    for (const value of ['0', 'x', '%3Cscript%3E', 'javascript%3Aalert(1)', '%2F%2F%5B', 'ftp%3A%2F%2Fx', '99'])
      expect(auth(`/api/auth/session?callbackUrl=${value}`), value).toBe(400);
    expect(auth('/api/auth/session', { cookie: 'authjs.callback-url=nonsense' })).toBe(400);
    expect(auth('/api/auth/session', { cookie: 'a=b; __Secure-authjs.callback-url=javascript%3Ax' })).toBe(400);
    for (const value of ['%2F', '%2Fcases%3Fq%3D1', `https%3A%2F%2F${HOST}%2Fcases`, 'https%3A%2F%2Fother.example'])
      expect(auth(`/api/auth/signin?callbackUrl=${value}`), value).toBe('through');
    expect(auth('/api/auth/session', { cookie: `authjs.callback-url=${encodeURIComponent(`https://${HOST}/`)}` })).toBe(
      'through',
    );
    // Only Auth.js reads them: a page's own callbackUrl is the page's business (the sign-in page checks its own).
    expect(statusOf(request('/sign-in?callbackUrl=x'))).toBe('through');
  });

  it('uses the limit next.config.js gives Next', () => {
    const require = createRequire(import.meta.url);
    const config = require('../next.config.js');
    expect(config.experimental.serverActions.bodySizeLimit).toBe('1mb');
    expect(BODY_LIMIT_BYTES).toBe(1024 * 1024);
  });
});

describe('the body of a server action call', () => {
  const call = (body: string | FormData, type = 'text/plain;charset=UTF-8') =>
    new Request(`https://${HOST}/cases/new`, {
      method: 'POST',
      headers: typeof body === 'string' ? { 'next-action': 'x', 'content-type': type } : { 'next-action': 'x' },
      body,
    });
  const form = (entries: Record<string, string>) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(entries)) data.append(k, v);
    return data;
  };
  const statusOfBody = async (request: Request) => (await refuseActionBody(request))?.status ?? 'through';

  it('goes through when React could decode it: JSON arguments, with its escapes for plain values', async () => {
    for (const body of ['[]', '[{"notes":"$$5 kr","d":"$D2025-01-01T00:00:00.000Z","u":"$undefined","n":"$n12"}]'])
      expect(await statusOfBody(call(body)), body).toBe('through');
    expect(await statusOfBody(call(form({ '0': '["$K1"]', '1_name': 'x' })))).toBe('through');
  });

  it('is refused with 400 when it is not JSON, not a list, too deep or refers to parts that are not there', async () => {
    for (const body of [
      '',
      'not json',
      '{"a":1}',
      `${'['.repeat(100)}${']'.repeat(100)}`,
      '["$Q1"]',
      '["$@1"]',
      '["$K1"]',
      '["$"]',
    ])
      expect(await statusOfBody(call(body)), body).toBe(400);
    const forged: Record<string, string>[] = [{ x: '1' }, { '0': 'not json' }, { '0': '["$Q1"]' }];
    for (const entries of forged) expect(await statusOfBody(call(form(entries))), JSON.stringify(entries)).toBe(400);
  });

  it('is not read for other requests', async () => {
    expect(await refuseActionBody(new Request(`https://${HOST}/cases`, { method: 'POST', body: 'x' }))).toBeNull();
    expect(await statusOfBody(call('a=b', 'application/x-www-form-urlencoded'))).toBe('through');
  });
});
