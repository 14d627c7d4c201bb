import { describe, expect, it } from 'vitest';
import { findUnstorableText, isStorableText } from './storable';

describe('text PostgreSQL can store', () => {
  it.each([
    ['plain text', 'Mötet hölls i Luleå.', true],
    ['an emoji (a surrogate pair)', 'Bra möte 👍', true],
    ['a pair at the very end', 'x\ud83d\udc4d', true],
    ['a NUL character', 'a\u0000b', false],
    ['a lone high surrogate', 'a\ud83d', false],
    ['a lone high surrogate before text', '\ud83da', false],
    ['a lone low surrogate', '\udc4d', false],
    ['two high surrogates', '\ud83d\ud83d\udc4d', false],
    ['tabs and line breaks', 'a\tb\r\nc\nd', true],
    ['a control character (escape)', '\u001b[31m', false],
    ['a vertical tab or form feed', 'a\u000bb\u000c', false],
    ['a noncharacter U+FFFF', 'a\uffff', false],
    ['a noncharacter U+FFFE', '\ufffe', false],
    ['a character past the BMP', 'a\u{10ffff}', true],
  ])('%s', (_, text, storable) => {
    expect(isStorableText(text)).toBe(storable);
  });

  it('names every path that holds such text, nested or not, and field names too', () => {
    expect(
      findUnstorableText({
        notes: 'ok',
        parties: [{ sex: 'woman' }, { citizenship: 'S\u0000' }],
        deep: { er: ['ok', '\udc00'] },
        'bad\u0000key': 'value',
      }),
    ).toEqual(['parties.1.citizenship', 'deep.er.1', '_']);
    expect(findUnstorableText('\u0000')).toEqual(['_']);
    expect(findUnstorableText({ a: 1, b: null, c: true, d: undefined })).toEqual([]);
  });

  it('reads FormData as its entries', () => {
    const form = new FormData();
    form.append('name', 'Gruppen');
    form.append('notes', 'x\u0000');
    expect(findUnstorableText(form)).toEqual(['notes']);
  });

  it('refuses a payload nested deeper than any form as a whole', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(findUnstorableText(deep)).toEqual(['_']);
  });
});
