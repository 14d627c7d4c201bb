import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, REDACTED, sanitise } from './log';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  process.env.LOG_LEVEL = 'info';
  const logger = createLogger(stream as never);
  delete process.env.LOG_LEVEL;
  return { logger, lines };
}

describe('server logs', () => {
  it('are JSON lines with level, time and event', () => {
    const { logger, lines } = capture();
    logger.info({ event: 'sign_in', outcome: 'ok', userId: 'u1' }, 'signed in');
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({
      level: 'info',
      app: 'lagesbild',
      event: 'sign_in',
      outcome: 'ok',
      userId: 'u1',
      msg: 'signed in',
    });
    expect(typeof line.time).toBe('string');
  });

  it('never contain passwords, tokens, session cookies, codes or free text, at any depth', () => {
    const { logger, lines } = capture();
    const secrets = {
      password: 'hunter2-very-secret',
      newPassword: 'new-secret-pass',
      oneTimePassword: 'Xk7p-Qm2d-W9tb-Rr4e',
      code: '123456',
      recoveryCodes: ['AAAA-BBBB-CCCC'],
      totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DP',
      headers: { cookie: 'authjs.session-token=eyJhbGciOi.secret', authorization: 'Bearer abc.def' },
      account: {
        access_token: 'snake-secret',
        accessToken: 'at-secret',
        idToken: 'id-secret',
        refreshToken: 'rt-secret',
      },
      input: { notes: 'Målsäganden heter Anna', description: 'free text here', nested: [{ note: 'hidden note' }] },
      countyCode: '01',
    };
    logger.warn({ event: 'test', ...secrets }, 'with secrets');
    const text = lines.join('');
    for (const value of [
      'hunter2-very-secret',
      'new-secret-pass',
      'Xk7p-Qm2d',
      '123456',
      'AAAA-BBBB',
      'JBSWY3DP',
      'eyJhbGciOi',
      'Bearer',
      'at-secret',
      'id-secret',
      'rt-secret',
      'snake-secret',
      'Anna',
      'free text',
      'hidden note',
    ]) {
      expect(text).not.toContain(value);
    }
    expect(text).toContain(REDACTED);
    expect(JSON.parse(text).countyCode).toBe('01');
  });

  it('reduce errors to their type and message, and cut cycles', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(sanitise({ cyclic })).toEqual({ cyclic: { a: 1, self: '[…]' } });
    const error = Object.assign(new Error('boom'), { password: 'p' });
    expect(sanitise({ err: error })).toMatchObject({ err: { type: 'Error', message: 'boom' } });
    expect(JSON.stringify(sanitise({ err: error }))).not.toContain('"p"');
  });
});
