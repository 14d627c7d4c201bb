import { z } from 'zod';
import { idField, REQUIRED, storableText, whenValid } from '@/lib/forms/fields';
import { isStorableText } from '@/lib/forms/storable';
import { POLICE_REGIONS, type PoliceRegion } from '@/lib/regions';
import { COUNTY_ROLES, REGIONAL_ROLES, ROLES, type Role } from '@/lib/roles';

// The user administration's forms, shared by the react-hook-form forms and the server actions.
// Pure (no server code). Values arrive as strings; messages are catalogue keys.
const userId = idField('admin.users.errors.id');

const role = z
  .string({ error: REQUIRED })
  .pipe(z.enum(ROLES, { error: (issue) => (issue.input === '' ? REQUIRED : 'validation.choice') }));
const countyCode = z
  .string()
  .trim()
  .nullable()
  .optional()
  .transform((v) => (v ? v : null))
  .pipe(
    z
      .string()
      .regex(/^\d{2}$/, 'validation.county')
      .nullable(),
  );
const policeRegion = z
  .string()
  .trim()
  .nullable()
  .optional()
  .transform((v) => (v ? v : null))
  .pipe(z.enum(POLICE_REGIONS, { error: 'validation.choice' }).nullable());
const displayName = storableText(z.string({ error: REQUIRED }).trim().min(1, REQUIRED).max(120, 'validation.tooLong'));

type Scoped = { role: Role; countyCode: string | null; policeRegion: PoliceRegion | null };

/** County roles work in exactly one county, the regional coordinator in one police region; national roles and admins in neither. */
function countyMatchesRole(value: Scoped, ctx: z.RefinementCtx) {
  const needsCounty = (COUNTY_ROLES as readonly Role[]).includes(value.role);
  if (needsCounty && !value.countyCode)
    ctx.addIssue({ code: 'custom', path: ['countyCode'], message: 'admin.users.errors.county_required' });
  const needsRegion = (REGIONAL_ROLES as readonly Role[]).includes(value.role);
  if (needsRegion && !value.policeRegion)
    ctx.addIssue({ code: 'custom', path: ['policeRegion'], message: 'admin.users.errors.region_required' });
}

/** What the server keeps of the county and the region: none for roles that have none, whatever the form sent. */
function dropCountyOfNationalRoles<T extends Scoped>(value: T): T {
  return {
    ...value,
    countyCode: (COUNTY_ROLES as readonly Role[]).includes(value.role) ? value.countyCode : null,
    policeRegion: (REGIONAL_ROLES as readonly Role[]).includes(value.role) ? value.policeRegion : null,
  };
}

export const NewUserSchema = z
  .object({
    email: z
      .string({ error: REQUIRED })
      .trim()
      .min(1, REQUIRED)
      .max(254, 'validation.tooLong')
      .email('validation.email'),
    displayName,
    role,
    countyCode,
    policeRegion,
  })
  .superRefine(countyMatchesRole, whenValid('role', 'countyCode', 'policeRegion'))
  .transform(dropCountyOfNationalRoles);
export type NewUserInput = z.input<typeof NewUserSchema>;
export type NewUserOutput = z.output<typeof NewUserSchema>;

export const UpdateUserSchema = z
  .object({ id: userId, displayName, role, countyCode, policeRegion })
  .superRefine(countyMatchesRole, whenValid('role', 'countyCode', 'policeRegion'))
  .transform(dropCountyOfNationalRoles);
export type UpdateUserInput = z.input<typeof UpdateUserSchema>;
export type UpdateUserOutput = z.output<typeof UpdateUserSchema>;

export const UserIdSchema = z.object({ id: userId });

export const SetActiveSchema = z.object({ id: userId, active: z.boolean() });

export const USER_STATUSES = ['active', 'inactive'] as const;
export const UserFilterSchema = z.object({
  q: z.string().max(100).refine(isStorableText).optional().catch(undefined),
  role: z.enum(ROLES).optional().catch(undefined),
  status: z.enum(USER_STATUSES).optional().catch(undefined),
});
