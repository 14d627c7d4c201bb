// The demo's coordination plan: what the generators in this folder build (groups with their
// members, meetings with attendance and action items, trainings with participants), as plain
// data that db/seed/demo-coordination.ts inserts. Pure: no I/O, no clock.
import type {
  ActionItemStatus,
  EventFormat,
  GroupKind,
  MemberOrganisationType,
  TrainingAudience,
  TrainingOrganiser,
  TrainingTheme,
} from '@/lib/enums';
import type { Rng } from '@/db/synth/random';

export type PlanMember = { key: string; type: MemberOrganisationType; name: string; fn: string | null };
export type PlanGroup = {
  key: string;
  name: string;
  countyCode: string;
  kind: GroupKind;
  description: string;
  activeFrom: string;
  activeTo: string | null;
  participating: string[];
  members: PlanMember[];
};
export type PlanMeeting = {
  key: string;
  groupKey: string;
  startsAt: string;
  endsAt: string;
  format: EventFormat;
  place: string | null;
  otherGuests: number;
  agenda: string;
  minutes: string | null;
  decisions: string | null;
  attendees: string[];
};
export type PlanItem = {
  key: string;
  groupKey: string;
  raisedKey: string;
  position: number;
  description: string;
  responsibleKey: string;
  dueOn: string;
  status: ActionItemStatus;
  closedKey: string | null;
  closedOn: string | null;
  raisedOn: string;
};
export type PlanTraining = {
  countyCode: string;
  organiser: TrainingOrganiser;
  title: string;
  startsOn: string;
  endsOn: string;
  format: EventFormat;
  hours: number;
  themes: TrainingTheme[];
  evaluation: number | null;
  groupKey: string | null;
  description: string | null;
  participants: [TrainingAudience, number][];
};
export type CoordinationPlan = {
  groups: PlanGroup[];
  meetings: PlanMeeting[];
  items: PlanItem[];
  trainings: PlanTraining[];
};

export type County = {
  code: string;
  nameSv: string;
  shortNameSv: string;
  seat: string;
  population: number;
  policeRegion: string;
};

/** The plan being built, the one random stream every generator draws from in turn, and the key counter. */
export type Builder = { plan: CoordinationPlan; rng: Rng; seq: number };

export function newKey(b: Builder, prefix: string): string {
  b.seq += 1;
  return `${prefix}${b.seq}`;
}

/** A weekday (Tuesday to Thursday) near the given day. */
export function weekday(day: number): number {
  const dow = new Date(day * 86_400_000).getUTCDay(); // 0 Sunday
  if (dow === 2 || dow === 3 || dow === 4) return day;
  return day + ((2 - dow + 7) % 7);
}

/** How a meeting or training was held: mostly in person before 2020, digital in 2020–2021, mixed after. */
export function formatFor(year: number, rng: Rng): EventFormat {
  if (year === 2020 || year === 2021) return 'digital';
  if (year < 2020) return rng.chance(0.95) ? 'in_person' : 'hybrid';
  return rng.pick(['in_person', 'in_person', 'hybrid', 'digital'] as const);
}
