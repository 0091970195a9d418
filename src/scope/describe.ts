/** The scope in words, for `status`, reports and `check`. */
import type { BillingScope } from './types';

export function describeScope(scope: BillingScope): string {
  switch (scope.kind) {
    case 'closed-won':
      return `closed-won: companies with a deal in a won stage${scope.pipelines.length ? ` of ${scope.pipelines.join(', ')}` : ' (every pipeline)'}`;
    case 'lifecycle':
      return `lifecycle: companies whose lifecycle stage is ${scope.stages.join(' or ')}`;
    case 'property':
      return `property: companies whose ${scope.name} is true`;
    case 'all':
      return 'all: every company';
  }
}
