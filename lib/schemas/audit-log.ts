import { z } from 'zod';
import { isIsoDate, UUID_PATTERN } from '@/lib/forms/fields';

// The audit viewer's filter, read from URL parameters (the page and the CSV export share it).
// A value that does not fit is dropped rather than refused: it is a bookmark, not a form.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional()).catch(undefined);

export const AuditFilterSchema = z.object({
  person: optional(z.string().regex(UUID_PATTERN)),
  county: optional(z.string().regex(/^\d{2}$/)),
  entity: optional(z.string().regex(/^[a-z_]{1,60}$/)),
  action: optional(z.string().regex(/^[a-z_.]{1,80}$/)),
  from: optional(z.string().refine(isIsoDate)),
  to: optional(z.string().refine(isIsoDate)),
  before: optional(z.coerce.number().int().positive()),
});
export type AuditFilterParams = z.output<typeof AuditFilterSchema>;

/** The data layer's filter from the URL's. */
export function toAuditFilter(params: AuditFilterParams) {
  return {
    actorId: params.person,
    county: params.county,
    entityType: params.entity,
    action: params.action,
    from: params.from,
    to: params.to,
  };
}
