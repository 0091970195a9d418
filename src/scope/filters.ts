/**
 * The HubSpot search filters that find a scope's companies or deals (full runs, incremental runs,
 * `check`). Pure: the gateway sends them.
 */
import type { SearchFilter } from '../hubspot/types';
import type { BillingScope } from './types';

export type { SearchFilter };

/** lifecycle / property scopes: the company filter; undefined for the others. */
export function companyScopeFilter(scope: BillingScope): SearchFilter | undefined {
  if (scope.kind === 'lifecycle') return { propertyName: 'lifecyclestage', operator: 'IN', values: [...scope.stages] };
  if (scope.kind === 'property') return { propertyName: scope.name, operator: 'EQ', value: 'true' };
  return undefined;
}

/** closed-won: deals in the won stages. */
export function wonDealFilter(wonStageIds: readonly string[]): SearchFilter {
  return { propertyName: 'dealstage', operator: 'IN', values: [...wonStageIds] };
}
