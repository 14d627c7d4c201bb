import 'server-only';
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, randomInt } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';

// Two-factor sign-in with TOTP (RFC 6238: SHA-1, 6 digits, 30-second steps — what every
// authenticator app understands), and the recovery codes for a lost authenticator.

const TOTP_ISSUER = 'Lägesbild';
const TOTP_PERIOD_SECONDS = 30;
const RECOVERY_CODE_COUNT = 10;

// ── The secret at rest ──────────────────────────────────────────────────────────────────────
// A database backup alone must not be enough to produce codes: the secret is encrypted with
// AES-256-GCM under a key derived from TOTP_ENCRYPTION_KEY, else AUTH_SECRET (decision 007).

const DEVELOPMENT_KEY_MATERIAL = 'lagesbild-development-only-totp-key';

function encryptionKey(): Buffer {
  const material = process.env.TOTP_ENCRYPTION_KEY || process.env.AUTH_SECRET;
  if (!material && process.env.NODE_ENV === 'production') {
    throw new Error('TOTP_ENCRYPTION_KEY or AUTH_SECRET must be set to use two-factor sign-in');
  }
  return Buffer.from(hkdfSync('sha256', material || DEVELOPMENT_KEY_MATERIAL, 'lagesbild', 'totp-secret v1', 32));
}

export function encryptTotpSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', encryptionKey(), iv);
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join(
    ':',
  );
}

/** The secret, or null when it cannot be decrypted (e.g. the key was changed). */
export function decryptTotpSecret(stored: string): string | null {
  const [version, iv, body, tag] = stored.split(':');
  if (version !== 'v1' || !iv || !body || !tag) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', encryptionKey(), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

// ── Codes ───────────────────────────────────────────────────────────────────────────────────

/** A new base32 secret of 160 bits (RFC 4226 recommends at least 128). */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function totpUri(secret: string, accountName: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: accountName, secret });
}

/** The key as a person types it into an app: groups of four. */
export function formatTotpSecret(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}

export function isTotpCodeShape(code: string): boolean {
  return /^\d{6}$/.test(code.replace(/\s/g, ''));
}

/**
 * Check a code against the secret, one step either side of now (clock drift). Returns the time
 * step the code belongs to, or null. A step at or before `afterStep` is refused: each code is
 * good once.
 */
export async function verifyTotpCode(
  secret: string,
  code: string,
  afterStep: number | null,
  now: number = Date.now(),
): Promise<number | null> {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  try {
    const result = await verify({
      secret,
      token,
      epoch: Math.floor(now / 1000),
      epochTolerance: TOTP_PERIOD_SECONDS,
      ...(afterStep !== null ? { afterTimeStep: afterStep } : {}),
    });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  } catch {
    return null;
  }
}

// ── Recovery codes ──────────────────────────────────────────────────────────────────────────

// Crockford-style alphabet without 0/O, 1/I/L: easy to read aloud and to type.
const RECOVERY_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** Ten codes like "K7QX-M2PD-W9TB" (12 characters of a 31-letter alphabet ≈ 59 bits each). */
export function newRecoveryCodes(count: number = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 12 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
  });
}

function normaliseRecoveryCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

export function hashRecoveryCode(code: string): string {
  return createHash('sha256')
    .update(`lagesbild-recovery:${normaliseRecoveryCode(code)}`)
    .digest('hex');
}

export function isRecoveryCodeShape(code: string): boolean {
  return /^[A-Z0-9]{12}$/.test(normaliseRecoveryCode(code));
}
