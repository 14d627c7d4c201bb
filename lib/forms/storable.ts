// Text that PostgreSQL cannot store: a NUL character (its text type has none: error 22021) and a
// lone UTF-16 surrogate (not a character at all: jsonb refuses it, 22P02, and the UTF-8 encoder
// would turn it into U+FFFD in a text column). Nor control characters other than tab and line
// breaks, and the noncharacters U+FFFE and U+FFFF: PostgreSQL stores them, but XML 1.0 has no
// place for them (an XLSX export holding one is a file Excel will not open) and in a terminal they
// are commands. No keyboard types any of these; a form that receives one was forged or pasted
// from a broken source. Pure: the forms, the action and route wrappers and the proxy use it.

export const UNSTORABLE_TEXT = 'validation.unstorableText';

const UNSTORABLE =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** Nesting deeper than any form's (a case's parties' support measures are four levels). */
const MAX_DEPTH = 16;

/**
 * The paths (as zod joins them: `members.1.organisationName`) of every string in `value`, nested
 * or not, that cannot be stored; a field name that cannot be stored counts as its own path. A
 * payload nested deeper than any form is refused as a whole ('_'). FormData is read as its entries.
 */
export function findUnstorableText(value: unknown): string[] {
  const found: string[] = [];
  const visit = (item: unknown, path: string[]): void => {
    if (typeof item === 'string') {
      if (!isStorableText(item)) found.push(path.join('.') || '_');
      return;
    }
    if (item === null || typeof item !== 'object') return;
    if (path.length >= MAX_DEPTH) {
      found.push('_');
      return;
    }
    const entries =
      typeof FormData !== 'undefined' && item instanceof FormData
        ? [...item.entries()]
        : Array.isArray(item)
          ? item.map((v, i) => [String(i), v] as const)
          : Object.entries(item);
    for (const [key, child] of entries) {
      if (!isStorableText(key)) found.push([...path, '_'].join('.'));
      else visit(child, [...path, key]);
    }
  };
  visit(value, []);
  return [...new Set(found)];
}
