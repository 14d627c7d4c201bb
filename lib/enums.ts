// The fixed categories of the register. Pure constants (no server code): the Drizzle schema turns
// them into PostgreSQL enums so the database refuses what the app refuses, and the zod schemas and
// forms import them too. Labels live in messages/*.json under "enums.<name>.<value>": the one
// catalogue that forms, lists, detail pages, statistics and exports all read (messages.test.ts).
// Changing a list needs a migration (ALTER TYPE … ADD VALUE); removing a value needs a decision.

export const OFFENCES = [
  'trafficking_sexual',
  'trafficking_other',
  'exploitation',
  'procuring',
  'procuring_gross',
  'sex_purchase',
  'sex_purchase_child',
  'other',
] as const;
export type Offence = (typeof OFFENCES)[number];

export const REPORTING_BODIES = [
  'police',
  'prosecutor',
  'social_services',
  'health_care',
  'migration_agency',
  'customs',
  'coast_guard',
  'ngo',
  'school_youth',
  'county_board',
  'victim',
  'other',
] as const;
export type ReportingBody = (typeof REPORTING_BODIES)[number];

export const ARENAS = ['street', 'apartment', 'hotel', 'massage_club', 'online', 'other', 'unknown'] as const;
export type Arena = (typeof ARENAS)[number];

export const YES_NO_UNKNOWN = ['yes', 'no', 'unknown'] as const;
export type YesNoUnknown = (typeof YES_NO_UNKNOWN)[number];

export const CRIME_ESTABLISHED = ['yes', 'uncertain', 'no'] as const;
export type CrimeEstablished = (typeof CRIME_ESTABLISHED)[number];

/** Brå's three degrees: 1 violence, rape or isolation; 2 threats and/or deception without violence; 3 a higher degree of "voluntariness". */
export const COERCION_DEGREES = ['degree_1', 'degree_2', 'degree_3', 'unknown'] as const;
export type CoercionDegree = (typeof COERCION_DEGREES)[number];

export const CONTROL_METHODS = [
  'physical_abuse',
  'sexual_abuse',
  'physical_threats',
  'threats_family',
  'threats_authorities',
  'false_promises',
  'debt_bondage',
  'takes_earnings',
  'withholds_documents',
  'restricts_movement',
  'psychoactive_substances',
  'psychological_abuse',
  'other',
] as const;
export type ControlMethod = (typeof CONTROL_METHODS)[number];

export const PARTY_ROLES = ['victim', 'perpetrator'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

export const SEXES = ['woman', 'man', 'other', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];

export const AGE_BANDS = ['0_14', '15_17', '18_20', '21_25', '26_35', '36_50', '51_plus', 'unknown'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const ORIGIN_REGIONS = [
  'sweden',
  'nordic',
  'eu_east',
  'eu_west',
  'europe_east_non_eu',
  'west_africa',
  'africa_other',
  'middle_east',
  'asia',
  'latin_america',
  'other',
  'unknown',
] as const;
export type OriginRegion = (typeof ORIGIN_REGIONS)[number];

export const RESIDENCE_PERMITS = ['not_relevant', 'applied', 'granted', 'refused'] as const;
export type ResidencePermit = (typeof RESIDENCE_PERMITS)[number];

export const SUPPORT_MEASURES = [
  'sheltered_housing',
  'counselling',
  'health_care',
  'legal_counsel',
  'return_programme',
  'financial_support',
  'none',
  'unknown',
] as const;
export type SupportMeasure = (typeof SUPPORT_MEASURES)[number];

export const PERPETRATOR_ROLES = [
  'recruiter',
  'transporter',
  'harbourer',
  'exploiter',
  'buyer',
  'other',
  'unknown',
] as const;
export type PerpetratorRole = (typeof PERPETRATOR_ROLES)[number];

export const CASE_STATUSES = [
  'reported',
  'investigation',
  'discontinued',
  'prosecuted',
  'convicted',
  'acquitted',
  'closed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/**
 * The case's own steps (decision 012): reported → preliminary investigation → discontinued
 * (only while no perpetrator is known), and closed from any step not already closed. Prosecution
 * and judgments are each perpetrator's (JUSTICE_STEPS): for a case with perpetrators the steps
 * discontinued, prosecuted, convicted and acquitted are derived from their paths.
 */
export const NEXT_STATUSES: Record<CaseStatus, readonly CaseStatus[]> = {
  reported: ['investigation', 'closed'],
  investigation: ['discontinued', 'closed'],
  discontinued: ['closed'],
  prosecuted: ['closed'],
  convicted: ['closed'],
  acquitted: ['closed'],
  closed: [],
};

// ── Each perpetrator's path through the justice system (issue 12, decision 012) ─────────────

/**
 * A perpetrator's steps after the report. "Suspected" is not stored: every perpetrator party is
 * suspected from the case's reported_on. discontinued: nedlagd förundersökning; prosecution_waived:
 * åtalsunderlåtelse; penalty_order: strafföreläggande accepted; prosecuted: åtal väckt; convicted /
 * acquitted: the first instance's judgment; *_on_appeal: the final judgment when appealed.
 */
export const JUSTICE_STEPS = [
  'discontinued',
  'prosecution_waived',
  'penalty_order',
  'prosecuted',
  'convicted',
  'acquitted',
  'convicted_on_appeal',
  'acquitted_on_appeal',
] as const;
export type JusticeStep = (typeof JUSTICE_STEPS)[number];

/** The steps a person may take next; 'none' is a suspect without any recorded step. */
export const NEXT_JUSTICE_STEPS: Record<JusticeStep | 'none', readonly JusticeStep[]> = {
  none: ['discontinued', 'prosecution_waived', 'penalty_order', 'prosecuted'],
  discontinued: [],
  prosecution_waived: [],
  penalty_order: [],
  prosecuted: ['convicted', 'acquitted'],
  convicted: ['convicted_on_appeal', 'acquitted_on_appeal'],
  acquitted: ['convicted_on_appeal', 'acquitted_on_appeal'],
  convicted_on_appeal: [],
  acquitted_on_appeal: [],
};

/** Steps that name which of the case's offences they concern (at least one). */
export const OFFENCE_STEPS = [
  'penalty_order',
  'prosecuted',
  'convicted',
  'acquitted',
  'convicted_on_appeal',
  'acquitted_on_appeal',
] as const satisfies readonly JusticeStep[];
/** Steps that record a sanction (required there, refused elsewhere). */
export const SANCTION_STEPS = [
  'penalty_order',
  'convicted',
  'convicted_on_appeal',
] as const satisfies readonly JusticeStep[];

/**
 * The main sanction of a judgment or an order (Brottsbalken 1:3; a fine includes day-fines).
 * 'unknown' only for convictions carried over from the case pipeline (decision 012), which
 * never recorded one; a new step names its sanction (RECORDABLE_SANCTIONS).
 */
export const SANCTIONS = ['prison', 'probation', 'conditional_sentence', 'fine', 'other', 'unknown'] as const;
export type Sanction = (typeof SANCTIONS)[number];
export const RECORDABLE_SANCTIONS = [
  'prison',
  'probation',
  'conditional_sentence',
  'fine',
  'other',
] as const satisfies readonly Sanction[];
/** A strafföreläggande may impose a fine and/or a conditional sentence (Rättegångsbalken 48:2), nothing else. */
export const PENALTY_ORDER_SANCTIONS = ['fine', 'conditional_sentence'] as const satisfies readonly Sanction[];

export const PRISON_BANDS = [
  'under_6_months',
  '6_to_12_months',
  '1_to_2_years',
  '2_to_4_years',
  '4_to_10_years',
  'over_10_years',
] as const;
export type PrisonBand = (typeof PRISON_BANDS)[number];

// ── Coordination and trainings (issue 4) ─────────────────────────────────────────────────────

/** county: the county's cooperation group; regional: across county borders; national and international networks (NMT, CBSS). */
export const GROUP_KINDS = ['county', 'regional', 'national', 'international'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

/** A member organisation's type: the reporting bodies, except the victim (a person, never a member). */
export const MEMBER_ORGANISATION_TYPES = REPORTING_BODIES.filter(
  (b): b is Exclude<ReportingBody, 'victim'> => b !== 'victim',
) as unknown as readonly [Exclude<ReportingBody, 'victim'>, ...Exclude<ReportingBody, 'victim'>[]];
export type MemberOrganisationType = (typeof MEMBER_ORGANISATION_TYPES)[number];

/** How a meeting or a training is held. */
export const EVENT_FORMATS = ['in_person', 'digital', 'hybrid'] as const;
export type EventFormat = (typeof EVENT_FORMATS)[number];

export const ACTION_ITEM_STATUSES = ['open', 'in_progress', 'done', 'dropped'] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];
/** Still to be followed up: shown on the group's next meeting; overdue once the due date has passed. */
export const PENDING_ACTION_ITEM_STATUSES = ['open', 'in_progress'] as const satisfies readonly ActionItemStatus[];

export const TRAINING_ORGANISERS = [
  'county_board',
  'police',
  'crime_victim_authority',
  'migration_agency',
  'ngo',
  'other',
] as const;
export type TrainingOrganiser = (typeof TRAINING_ORGANISERS)[number];

/** The themes of the action plan's trainings (Brå 2011:18). */
export const TRAINING_THEMES = [
  'victim_support_justice',
  'identifying_trafficking',
  'legislation',
  'talking_about_sex',
  'lgbtq',
  'social_investigations',
  'sex_education',
  'online_exploitation',
  'prostitution_policy',
  'methods_cooperation',
  'other',
] as const;
export type TrainingTheme = (typeof TRAINING_THEMES)[number];

export const TRAINING_AUDIENCES = [
  'police',
  'prosecutors',
  'courts',
  'social_services',
  'health_care',
  'migration_agency',
  'customs',
  'school_youth',
  'ngo',
  'embassy_staff',
  'county_board',
  'other',
] as const;
export type TrainingAudience = (typeof TRAINING_AUDIENCES)[number];
