import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, STATIC_SECURITY_HEADERS, wantsHsts } from './security-headers';

describe('security headers', () => {
  it('allow scripts only with the request’s nonce, and no framing', () => {
    const csp = contentSecurityPolicy({ nonce: 'abc123' });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(contentSecurityPolicy({ nonce: 'n', https: true })).toContain('upgrade-insecure-requests');
    expect(contentSecurityPolicy({ nonce: 'n', formActions: ['https://idp.example'] })).toContain(
      "form-action 'self' https://idp.example",
    );
  });

  it('send Strict-Transport-Security only in production over HTTPS', () => {
    expect(wantsHsts({ NODE_ENV: 'development' }, 'https:', 'https')).toBe(false);
    expect(wantsHsts({ NODE_ENV: 'production' }, 'http:', null)).toBe(false);
    expect(wantsHsts({ NODE_ENV: 'production' }, 'http:', 'https')).toBe(true);
    expect(wantsHsts({ NODE_ENV: 'production' }, 'https:', null)).toBe(true);
    expect(wantsHsts({ NODE_ENV: 'production', AUTH_URL: 'https://lagesbild.example' }, 'http:', null)).toBe(true);
  });

  it('are the same in next.config.js (for the responses the proxy does not see)', async () => {
    const require = createRequire(import.meta.url);
    const config = require('../next.config.js');
    const [rule] = await config.headers();
    expect(rule.source).toBe('/:path*');
    expect(rule.headers).toEqual(STATIC_SECURITY_HEADERS);
  });
});
