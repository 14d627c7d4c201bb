// Shared by the server's request config and the client provider.

/** Set I18N_STRICT=1 (the test runs do) to turn a missing message into an error. */
export function strictMessages(): boolean {
  return process.env.I18N_STRICT === '1';
}

/** What a missing message renders as: visible, and easy for a test to find. */
export function missingMessageFallback({ namespace, key }: { namespace?: string; key: string }): string {
  return `[missing: ${[namespace, key].filter(Boolean).join('.')}]`;
}
