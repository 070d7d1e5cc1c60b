import { personJson } from '../commitments/commitments.present.js';
import type { StatsResult } from './stats.usecases.js';

/** `ft stats --json` and the API alike: whose numbers, over which dates, and the numbers. */
export const statsJson = (result: StatsResult) => ({
  scope: result.scope.kind,
  person: personJson(result.scope.person),
  size: result.scope.size,
  members: result.scope.members.map(personJson),
  since: result.since,
  until: result.until,
  ...result.stats,
});
