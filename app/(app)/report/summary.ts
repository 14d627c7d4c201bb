// The situation report's short summary, generated from the figures. Sentences whose figures are
// hidden are left out (a hidden count is never described, not even as "few").
import type { Dashboard } from '@/db/statistics/dashboard';
import type { EnumTranslator } from '@/lib/i18n';
import type { Count, Ratio } from '@/lib/statistics/figures';
import type { Formatter, Translator } from '../overview/_components/format';

const shown = (c: Count): c is Count & { value: number } => !c.suppressed && c.value !== null;
const shownRatio = (r: Ratio): r is Ratio & { value: number } => !r.suppressed && r.value !== null;

export function summarise(d: Dashboard, t: Translator, format: Formatter, tEnum: EnumTranslator): string[] {
  const out: string[] = [];
  const n = (v: number) => format.number(v);
  const pct = (v: number) => format.number(Math.abs(v), { style: 'percent', maximumFractionDigits: 0 });
  const cases = d.headline.cases;
  if (shown(cases.current)) {
    const change = cases.change;
    if (shownRatio(change) && change.value !== 0) {
      out.push(
        t(change.value > 0 ? 'summary.casesMore' : 'summary.casesFewer', {
          cases: n(cases.current.value),
          change: pct(change.value),
          previous: shown(cases.previous) ? n(cases.previous.value) : '',
        }),
      );
    } else if (shownRatio(change)) {
      out.push(t('summary.casesSame', { cases: n(cases.current.value) }));
    } else {
      out.push(t('summary.cases', { cases: n(cases.current.value) }));
    }
  } else if (cases.current.range) {
    // Rounded (decision 017): said as the interval, and nothing is computed from it.
    out.push(t('summary.casesRounded', { low: n(cases.current.range.low), high: n(cases.current.range.high) }));
  } else {
    out.push(t('summary.casesHidden'));
    return out;
  }
  if (shownRatio(d.headline.casesPer100k.current))
    out.push(
      t('summary.per100k', {
        rate: format.number(d.headline.casesPer100k.current.value, { maximumFractionDigits: 1 }),
      }),
    );
  const top = d.byOffence
    .filter((r) => shown(r.current) && r.current.value > 0)
    .sort((a, b) => (b.current.value ?? 0) - (a.current.value ?? 0))[0];
  if (top)
    out.push(
      t('summary.topOffence', { offence: tEnum(`offence.${top.key}`).toLowerCase(), count: n(top.current.value!) }),
    );
  if (shownRatio(d.headline.crimeEstablishedShare.current))
    out.push(t('summary.established', { share: pct(d.headline.crimeEstablishedShare.current.value) }));
  const v = d.headline.victims.current;
  const p = d.headline.perpetrators.current;
  const women = d.victims.sex.find((r) => r.key === 'woman')?.current;
  if (shown(v) && shown(p)) {
    out.push(
      women && shown(women)
        ? t('summary.partiesWomen', { victims: n(v.value), women: n(women.value), perpetrators: n(p.value) })
        : t('summary.parties', { victims: n(v.value), perpetrators: n(p.value) }),
    );
  }
  const [, investigation, prosecuted, convicted] = d.funnel;
  if (
    investigation &&
    prosecuted &&
    convicted &&
    shown(investigation.current) &&
    shown(prosecuted.current) &&
    shown(convicted.current)
  ) {
    out.push(
      t('summary.funnel', {
        investigation: n(investigation.current.value),
        prosecuted: n(prosecuted.current.value),
        convicted: n(convicted.current.value),
      }),
    );
  }
  const median = d.medians[0];
  if (median && shownRatio(median.current))
    out.push(t('summary.median', { days: format.number(median.current.value, { maximumFractionDigits: 0 }) }));
  const trainings = d.trainings.trainings.current;
  const participants = d.trainings.participants.current;
  if (shown(trainings) && shown(participants) && trainings.value > 0)
    out.push(t('summary.trainings', { trainings: n(trainings.value), participants: n(participants.value) }));
  const meetings = d.coordination.meetings.current;
  if (shown(meetings) && meetings.value > 0) out.push(t('summary.meetings', { meetings: n(meetings.value) }));
  return out;
}
