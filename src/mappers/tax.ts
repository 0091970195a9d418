/**
 * Sequence `taxStatus` from a configurable company property.
 *
 * - no property configured, or the property is empty → `defaultTaxStatus`;
 * - the value is looked up case-blind (and blind to surrounding/inner spacing) in `taxStatusValues`;
 * - a value that is itself a Sequence tax status ("tax exempt", "TAX_EXEMPT", "reverse-charged")
 *   is accepted too, so the map only needs the portal's own wording;
 * - anything else is a problem naming the property and the allowed values.
 */
import type { MappingConfig } from '../../config/mapping';
import type { HubSpotProperties } from '../hubspot/types';
import { TaxStatus, taxStatusFromText } from '../sequence/enums';
import { readProperty } from './address';
import { propertyProblem, type MappingProblem } from './problems';
import { cleanOrUndefined, quote } from './text';

export type TaxConfig = Pick<MappingConfig, 'defaultTaxStatus' | 'taxStatusProperty' | 'taxStatusValues'>;

export interface TaxResult {
  taxStatus?: TaxStatus;
  problems: MappingProblem[];
}

const tidy = (value: string) => value.trim().replace(/\s+/g, ' ').toLowerCase();
const asTaxStatus = taxStatusFromText;

export function mapTaxStatus(properties: HubSpotProperties | undefined, config: TaxConfig): TaxResult {
  const property = cleanOrUndefined(config.taxStatusProperty);
  const fallback = TaxStatus.safeParse(config.defaultTaxStatus);
  if (!fallback.success) {
    return {
      problems: [
        {
          field: 'taxStatus',
          value: String(config.defaultTaxStatus),
          message: `the default tax status ${quote(String(config.defaultTaxStatus))} is not one Sequence knows`,
          fix: `set DEFAULT_TAX_STATUS to one of ${TaxStatus.options.join(', ')}`,
        },
      ],
    };
  }
  if (!property) return { taxStatus: fallback.data, problems: [] };

  const raw = readProperty(properties, property);
  const value = cleanOrUndefined(raw);
  if (value === undefined) return { taxStatus: fallback.data, problems: [] };

  const entries = Object.entries(config.taxStatusValues ?? {});
  const match = entries.find(([hubspotValue]) => tidy(hubspotValue) === tidy(value));
  if (match) {
    const mapped = asTaxStatus(match[1]);
    if (mapped.success) return { taxStatus: mapped.data, problems: [] };
    return {
      problems: [
        propertyProblem(
          'taxStatus',
          property,
          raw,
          `which TAX_STATUS_VALUES maps to ${quote(match[1])}, not a Sequence tax status`,
          `map it to one of ${TaxStatus.options.join(', ')} in TAX_STATUS_VALUES`,
        ),
      ],
    };
  }
  const direct = asTaxStatus(value);
  if (direct.success) return { taxStatus: direct.data, problems: [] };

  const allowed = [...entries.map(([hubspotValue]) => quote(hubspotValue)), ...TaxStatus.options];
  return {
    problems: [
      propertyProblem(
        'taxStatus',
        property,
        raw,
        'not a known tax status',
        `set it to one of ${allowed.join(', ')} (or empty for ${fallback.data}), or add the value to TAX_STATUS_VALUES`,
      ),
    ],
  };
}
