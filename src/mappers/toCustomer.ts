/**
 * One HubSpot company with its contacts → one Sequence CreateOrUpdateCustomerRequest, or the list of
 * reasons it cannot be billed. Pure: no I/O, no clock, no randomness; the same input always gives a
 * byte-identical payload (callers hash it to skip unchanged syncs).
 */
import { companyPropertyNames, type MappingConfig } from '../../config/mapping';
import { COMPANY_PROPERTIES, type CompanyBundle, type HubSpotProperties } from '../hubspot/types';
import { CreateOrUpdateCustomerRequest } from '../sequence/schemas';
import { ADDRESS_PROPERTIES, mapAddress, readProperty } from './address';
import { mapContacts } from './contacts';
import { missingProblem, type MappingProblem, type MappingWarning } from './problems';
import { mapTaxStatus } from './tax';
import { cleanOrUndefined, cleanText, problemValue, quote, trimText } from './text';
import { normalizeWebsite } from './url';

export type MapOutcome =
  | { ok: true; request: CreateOrUpdateCustomerRequest; warnings: MappingWarning[] }
  | { ok: false; problems: MappingProblem[]; warnings: MappingWarning[] };

/** The deterministic alias every synced customer carries: `<aliasPrefix><companyId>`. */
export function companyAlias(companyId: string, config: Pick<MappingConfig, 'aliasPrefix'>): string {
  return `${config.aliasPrefix}${cleanText(companyId)}`;
}

/**
 * The company properties the mapping reads: the mapped fields' sources (COMPANY_PROPERTY_MAP on top
 * of the standard ones) and the configured tax, label and custom properties. The HubSpot project's
 * property-change subscriptions are generated from this list, so they follow the settings.
 */
export function mappedCompanyProperties(config: MappingConfig): string[] {
  return uniqueNames([
    ...Object.values(companyPropertyNames(config)),
    config.taxStatusProperty,
    config.labelProperty,
    ...Object.values(config.customProperties ?? {}),
  ]);
}

/** Company properties to ask HubSpot for: the standard set, everything the mapping reads, and `alsoRead` (the write-back's). */
export function companyPropertiesToRead(config: MappingConfig): string[] {
  return uniqueNames([...COMPANY_PROPERTIES, ...mappedCompanyProperties(config), ...(config.alsoRead ?? [])]);
}

function uniqueNames(names: readonly (string | undefined)[]): string[] {
  const seen = new Set<string>();
  for (const name of names) {
    const cleaned = cleanText(name);
    if (cleaned) seen.add(cleaned);
  }
  return [...seen];
}

/** Maps a company; never throws (an unexpected error becomes a problem). */
export function mapCompanyToCustomer(bundle: CompanyBundle, config: MappingConfig): MapOutcome {
  try {
    return mapUnsafe(bundle, config);
  } catch (error) {
    return {
      ok: false,
      problems: [
        {
          field: '(mapper)',
          message: `the mapper failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
          fix: 'report this as a bug, with the company',
        },
      ],
      warnings: [],
    };
  }
}

function mapUnsafe(bundle: CompanyBundle, config: MappingConfig): MapOutcome {
  const problems: MappingProblem[] = [];
  const warnings: MappingWarning[] = [];
  const company = bundle?.company;
  const properties: HubSpotProperties | undefined = company?.properties;

  const source = companyPropertyNames(config);

  // legalName
  const rawName = readProperty(properties, source.legalName);
  const legalName = cleanOrUndefined(rawName);
  if (!legalName) problems.push(missingProblem('legalName', source.legalName, rawName, 'set the company name in HubSpot'));

  // address
  const address = mapAddress(properties, source);
  problems.push(...address.problems);
  warnings.push(...address.warnings);

  // url: website, else domain
  let url: string | undefined;
  for (const property of [source.website, source.domain]) {
    const raw = readProperty(properties, property);
    if (cleanOrUndefined(raw) === undefined) continue;
    const result = normalizeWebsite(raw);
    if (result.ok) {
      url = result.url;
      break;
    }
    warnings.push({ field: 'url', property, message: `${quote(raw ?? '')} ${result.reason}; not used as the url` });
  }

  // label
  let label: string | undefined;
  const labelProperty = cleanOrUndefined(config.labelProperty);
  if (labelProperty) label = cleanOrUndefined(readProperty(properties, labelProperty));

  // taxStatus
  const tax = mapTaxStatus(properties, config);
  problems.push(...tax.problems);

  // contacts
  const contacts = mapContacts(bundle?.contacts, config, legalName);
  problems.push(...contacts.problems);
  warnings.push(...contacts.warnings);

  // ids
  const companyId = cleanText(company?.id);
  if (!companyId) {
    problems.push({
      field: 'integrationIds',
      property: 'hs_object_id',
      value: problemValue(company?.id),
      message: 'the company has no id',
      fix: 'map a company as HubSpot returns it, with its id',
    });
  }

  // customProperties
  const customProperties = mapCustomProperties(properties, config, warnings);

  if (problems.length > 0 || !legalName || !address.address || !tax.taxStatus || !contacts.contacts || !companyId) {
    return { ok: false, problems, warnings };
  }

  const request: CreateOrUpdateCustomerRequest = {
    legalName,
    address: address.address,
    ...(url ? { url } : {}),
    ...(label ? { label } : {}),
    taxStatus: tax.taxStatus,
    customerAliases: [companyAlias(companyId, config)],
    integrationIds: [{ service: 'HubSpot', id: companyId }],
    contacts: contacts.contacts,
    ...(customProperties ? { customProperties } : {}),
  };

  const checked = CreateOrUpdateCustomerRequest.safeParse(request);
  if (!checked.success) {
    return { ok: false, problems: checked.error.issues.map((issue) => schemaProblem(issue, request, config)), warnings };
  }
  return { ok: true, request: checked.data, warnings };
}

/**
 * Configured custom properties with a non-empty HubSpot value, in name order. An empty value is left
 * out; since Sequence replaces all custom properties when the field is sent, that clears it in
 * Sequence. With no custom properties configured the field is omitted (Sequence keeps what it has).
 */
function mapCustomProperties(
  properties: HubSpotProperties | undefined,
  config: MappingConfig,
  warnings: MappingWarning[],
): Record<string, string> | undefined {
  const entries = Object.entries(config.customProperties ?? {});
  if (entries.length === 0) return undefined;
  const result: Record<string, string> = {};
  for (const [sequenceName, hubspotProperty] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const property = cleanText(hubspotProperty);
    if (!sequenceName.trim() || !property) {
      warnings.push({
        field: 'customProperties',
        message: `CUSTOM_PROPERTIES entry ${quote(sequenceName)} → ${quote(hubspotProperty)} has an empty name; ignored`,
      });
      continue;
    }
    const value = trimText(readProperty(properties, property));
    if (value) result[sequenceName] = value;
  }
  return result;
}

interface SchemaIssue {
  path: PropertyKey[];
  message: string;
}

function propertyForPath(path: readonly PropertyKey[], config: MappingConfig): string | undefined {
  const [head, second, third] = path.map(String);
  switch (head) {
    case 'legalName':
      return companyPropertyNames(config).legalName;
    case 'address':
      return second && second in ADDRESS_PROPERTIES ? companyPropertyNames(config)[second as keyof typeof ADDRESS_PROPERTIES] : undefined;
    case 'url':
      return companyPropertyNames(config).website;
    case 'label':
      return config.labelProperty;
    case 'taxStatus':
      return config.taxStatusProperty;
    case 'customerAliases':
    case 'integrationIds':
      return 'hs_object_id';
    case 'contacts':
      return third === 'name' ? 'firstname' : 'email';
    case 'customProperties':
      return second ? config.customProperties?.[second] : undefined;
    default:
      return undefined;
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): string | null {
  let node: unknown = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return null;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return typeof node === 'string' ? problemValue(node) : null;
}

/** A failure of the final schema check, as a problem (never an exception). */
function schemaProblem(issue: SchemaIssue, request: CreateOrUpdateCustomerRequest, config: MappingConfig): MappingProblem {
  const field = issue.path.map(String).join('.') || '(request)';
  const property = propertyForPath(issue.path, config);
  const value = valueAt(request, issue.path);
  return {
    field,
    ...(property ? { property } : {}),
    value,
    message: `Sequence's schema rejects the value${value !== null ? ` ${quote(value)}` : ''}: ${issue.message}`,
    fix: property ? `correct HubSpot property ${JSON.stringify(property)}` : 'check the mapping configuration',
  };
}
