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

describe('database errors in the logs', () => {
  it("hold the code and the constraint's name, never the query, its parameters or the database's message", async () => {
    const { DrizzleQueryError } = await import('drizzle-orm/errors');
    const { logger, lines } = capture();
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "users_email_unique"'), {
      severity: 'ERROR',
      code: '23505',
      constraint: 'users_email_unique',
      table: 'users',
      detail: 'Key (email)=(anna.andersson@example.se) already exists.',
      query: 'insert into users (email, display_name) values ($1, $2)',
      params: ['anna.andersson@example.se', 'Anna Andersson'],
    });
    const error = new DrizzleQueryError(cause.query, cause.params, cause);
    logger.error({ event: 'request_error', err: error, wrapped: new Error('outer', { cause: error }) }, 'failed');
    const line = JSON.parse(lines[0]!);
    expect(line.err).toMatchObject({
      type: 'DatabaseError',
      code: '23505',
      constraint: 'users_email_unique',
      table: 'users',
    });
    expect(line.wrapped).toMatchObject({ type: 'DatabaseError', code: '23505' });
    // Without a message of the caller's, pino would take the error's own.
    logger.error(error);
    logger.error({ err: error });
    expect(lines).toHaveLength(3);
    for (const text of lines) expect(text).not.toMatch(/Anna|anna|insert into|Failed query|duplicate key/);
    expect(JSON.parse(lines[1]!)).toMatchObject({ msg: 'DatabaseError', err: { code: '23505' } });
  });

  it('keep the type and message of every other error', () => {
    const { logger, lines } = capture();
    logger.error({ err: new TypeError('not a function') }, 'failed');
    expect(JSON.parse(lines[0]!).err).toMatchObject({ type: 'TypeError', message: 'not a function' });
  });
});
