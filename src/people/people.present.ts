import { personJson } from '../commitments/commitments.present.js';
import type { Person } from '../db/schema.js';
import type { PersonView } from './people.usecases.js';

/** Who someone is, as `ft person add|edit --json` and the API state it. */
export const personCardJson = (p: Person) => ({
  ...personJson(p),
  kind: p.kind,
  timeZone: p.time_zone,
  company: p.company,
});

/**
 * Someone in the directory: their manager, and, to those who may see them (src/policy), their
 * accountability partner and role.
 */
export const personViewJson = (p: PersonView) => ({
  ...personCardJson(p),
  manager: personJson(p.manager),
  ...(p.detailed ? { partner: personJson(p.partner), role: p.kind === 'member' ? p.role : null } : {}),
  active: p.deactivated_at === null,
});
