import 'server-only';
import type { getFormatter } from 'next-intl/server';
import type { Translator as TranslatorOf } from '@/lib/i18n';
import type { Count, Ratio } from '@/lib/statistics/figures';
import type { Period } from '@/lib/periods';

export type Formatter = Awaited<ReturnType<typeof getFormatter>>;
/** The statistics pages' translator: messages "statistics.*". */
export type Translator = TranslatorOf<'statistics'>;

/** What every figure on a dashboard is shown with: the formatter, the threshold, the two periods' names. */
export type FigureContext = {
  format: Formatter;
  threshold: number;
  t: Translator;
  currentLabel: string;
  previousLabel: string;
};

/**
 * A count as shown: the number in the language's format, "×" for a protected one, "–" for one not
 * published, "25–29" for a rounded one (decision 017).
 */
export function countText(c: Count, format: Formatter): string {
  if (c.range) return `${format.number(c.range.low)}–${format.number(c.range.high)}`;
  if (c.suppressed) return c.reason === 'unpublished' ? '–' : '×';
  return format.number(c.value ?? 0);
}

/** What a screen reader hears for a hidden or rounded count. */
export function countSpoken(c: Count, format: Formatter, t: Translator): string {
  if (c.range) return t('hidden.rounded', { low: format.number(c.range.low), high: format.number(c.range.high) });
  if (c.suppressed) return t(c.reason === 'unpublished' ? 'hidden.unpublished' : 'hidden.protected');
  return format.number(c.value ?? 0);
}

export function ratioText(r: Ratio, format: Formatter, kind: 'percent' | 'rate' | 'days' | 'change'): string {
  if (r.suppressed) return '×';
  if (r.value === null) return '–';
  if (kind === 'percent') return format.number(r.value, { style: 'percent', maximumFractionDigits: 0 });
  if (kind === 'change')
    return `${r.value > 0 ? '+' : ''}${format.number(r.value, { style: 'percent', maximumFractionDigits: 0 })}`;
  return format.number(r.value, { maximumFractionDigits: 1 });
}

export function periodLabel(p: Period, format: Formatter, t: Translator): string {
  const year = p.from.slice(0, 4);
  if (p.kind === 'year') return year;
  if (p.kind === 'quarter')
    return t('quarterLabel', { quarter: Math.floor((Number(p.from.slice(5, 7)) - 1) / 3) + 1, year });
  const d = (iso: string) => format.dateTime(new Date(`${iso}T12:00:00Z`), 'dateMedium');
  return `${d(p.from)} – ${d(p.to)}`;
}
