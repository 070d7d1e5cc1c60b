import type { PlanKind } from '../db/schema.js';

export const planKinds: PlanKind[] = ['account', 'opportunity'];
