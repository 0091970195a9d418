/**
 * HubSpot company address properties → Sequence `address`.
 *   address → line1, address2 → line2, city → town, zip → postcode, state → state, country → country.
 * Every missing required part is its own problem; the country and the state are resolved from what
 * people type (see country.ts and state.ts).
 */
import { DEFAULT_COMPANY_PROPERTIES } from '../../config/mapping';
import type { HubSpotProperties } from '../hubspot/types';
import type { AddressRequest, CountryCode, State } from '../sequence/schemas';
import { countryName, lookupCountry } from './country';
import { missingProblem, propertyProblem, type MappingProblem, type MappingWarning } from './problems';
import { findState, findUsTerritory, isStateCountry, stateCountryName, type ResolvedState, type StateCountry } from './state';
import { cleanOrUndefined, lookupKey, quote } from './text';

/** HubSpot company property of each Sequence address field, unless COMPANY_PROPERTY_MAP says otherwise. */
export const ADDRESS_PROPERTIES = {
  line1: DEFAULT_COMPANY_PROPERTIES.line1,
  line2: DEFAULT_COMPANY_PROPERTIES.line2,
  town: DEFAULT_COMPANY_PROPERTIES.town,
  postcode: DEFAULT_COMPANY_PROPERTIES.postcode,
  state: DEFAULT_COMPANY_PROPERTIES.state,
  country: DEFAULT_COMPANY_PROPERTIES.country,
} as const;
export type AddressPropertyNames = Record<keyof typeof ADDRESS_PROPERTIES, string>;

export interface AddressResult {
  address?: AddressRequest;
  problems: MappingProblem[];
  warnings: MappingWarning[];
}

export function readProperty(properties: HubSpotProperties | undefined, name: string): string | null {
  if (!properties || !Object.prototype.hasOwnProperty.call(properties, name)) return null;
  const value: unknown = properties[name];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

const STATE_EXAMPLE: Record<StateCountry, string> = { US: '"NY" or "New York"', CA: '"ON" or "Ontario"' };

export function mapAddress(properties: HubSpotProperties | undefined, names: AddressPropertyNames = ADDRESS_PROPERTIES): AddressResult {
  const problems: MappingProblem[] = [];
  const warnings: MappingWarning[] = [];
  const raw = (field: keyof typeof ADDRESS_PROPERTIES) => readProperty(properties, names[field]);

  const required = (field: 'line1' | 'town' | 'postcode', what: string): string | undefined => {
    const value = cleanOrUndefined(raw(field));
    if (value === undefined) {
      problems.push(
        missingProblem(`address.${field}`, names[field], raw(field), `set the ${what} of the company in HubSpot`),
      );
    }
    return value;
  };
  const line1 = required('line1', 'street address');
  const line2 = cleanOrUndefined(raw('line2'));
  const town = required('town', 'city');
  const postcode = required('postcode', 'postal code');
  const country = mapCountry(raw('country'), raw('state'), raw('town'), problems, names);
  const state = country ? mapState(country, raw('state'), problems, warnings, names) : undefined;

  if (problems.length > 0 || !line1 || !town || !postcode || !country) return { problems, warnings };
  const address: AddressRequest = { line1, ...(line2 ? { line2 } : {}), town, ...(state ? { state } : {}), postcode, country };
  return { address, problems, warnings };
}

function mapCountry(
  rawCountry: string | null,
  rawState: string | null,
  rawTown: string | null,
  problems: MappingProblem[],
  names: AddressPropertyNames,
): CountryCode | undefined {
  const text = cleanOrUndefined(rawCountry);
  if (text === undefined) {
    const stateText = cleanOrUndefined(rawState);
    const state = stateText === undefined ? undefined : findState(stateText);
    const territory = stateText === undefined ? undefined : findUsTerritory(stateText);
    if (state) {
      problems.push(
        propertyProblem(
          'address.country',
          names.country,
          rawCountry,
          `but "${names.state}" is ${quote(stateText ?? '')}, which looks like a ${stateCountryName(state.country)} (${state.code})`,
          `set country to ${state.country}`,
        ),
      );
    } else if (territory) {
      problems.push(
        propertyProblem(
          'address.country',
          names.country,
          rawCountry,
          `but "${names.state}" is ${quote(stateText ?? '')}, which looks like ${territory.name}`,
          `set country to ${territory.country}`,
        ),
      );
    } else {
      problems.push(missingProblem('address.country', names.country, rawCountry, 'set an ISO code or a country name'));
    }
    return undefined;
  }

  const found = lookupCountry(text);
  switch (found.kind) {
    case 'found': {
      const meant = stateMeantAsCountry(text, found.code, cleanOrUndefined(rawState), cleanOrUndefined(rawTown));
      if (!meant) return found.code;
      problems.push(
        propertyProblem(
          'address.country',
          names.country,
          rawCountry,
          `which is ${countryName(found.code)} (${found.code}), but ${meant.evidence}; did you mean ${meant.state.country} (${meant.state.country === 'US' ? 'state' : 'province'} ${meant.state.code})?`,
          `set country to ${meant.state.country}; if the company really is in ${countryName(found.code)}, clear "${names.state}"`,
        ),
      );
      return undefined;
    }
    case 'ambiguous':
      problems.push(
        propertyProblem(
          'address.country',
          names.country,
          rawCountry,
          `which could mean ${found.codes.map((code) => `${countryName(code)} (${code})`).join(' or ')}`,
          `set the ISO code: ${found.codes.join(' or ')}`,
        ),
      );
      return undefined;
    case 'not-accepted':
      problems.push(
        propertyProblem(
          'address.country',
          names.country,
          rawCountry,
          `which is ${found.code}, a country Sequence does not accept`,
          'set a country from Sequence\'s list',
        ),
      );
      return undefined;
    case 'unknown': {
      const state = findState(text);
      const fix = state
        ? `it looks like a ${stateCountryName(state.country)}: set country to ${state.country} and state to ${state.code}`
        : 'set an ISO code or a country name';
      problems.push(propertyProblem('address.country', names.country, rawCountry, 'not a country', fix));
      return undefined;
    }
  }
}

/** Cities of the US state of Georgia that a company "in Georgia" may give instead of the state. */
const GEORGIA_US_CITIES = new Set(['atlanta', 'savannah', 'macon', 'alpharetta', 'marietta', 'sandysprings', 'augusta', 'columbus'].map(lookupKey));

/**
 * A country field that reads as a US state or Canadian province ("PA", "IN", "Georgia") while the
 * state field names that same state: the invoice would go abroad (Panama, India, Georgia) when the
 * company is most likely in the US or Canada. For a country *name* that is also a state name
 * ("Georgia"), any US state or a city of that state is enough.
 */
function stateMeantAsCountry(
  countryText: string,
  country: CountryCode,
  stateText: string | undefined,
  townText: string | undefined,
): { state: ResolvedState; evidence: string } | undefined {
  const asState = findState(countryText);
  if (!asState || asState.country === country) return undefined;
  const inStateField = stateText === undefined ? undefined : findState(stateText);
  const isCode = /^(?:[A-Za-z][.\s]*){2}$/.test(countryText);
  const named = (state: ResolvedState) => `${stateCountryName(state.country)} ${state.name} (${state.code})`;
  if (inStateField && inStateField.code === asState.code && inStateField.country === asState.country) {
    return { state: inStateField, evidence: `the state is ${quote(stateText ?? '')}, the ${named(inStateField)}` };
  }
  if (isCode || isStateCountry(country)) return undefined;
  if (inStateField) return { state: inStateField, evidence: `the state is ${quote(stateText ?? '')}, the ${named(inStateField)}` };
  if (asState.code === 'GA' && asState.country === 'US') {
    if (stateText !== undefined && GEORGIA_US_CITIES.has(lookupKey(stateText))) {
      return { state: asState, evidence: `the state is ${quote(stateText)}, a city in the ${named(asState)}` };
    }
    if (townText !== undefined && GEORGIA_US_CITIES.has(lookupKey(townText))) {
      return { state: asState, evidence: `the city is ${quote(townText)}, in the ${named(asState)}` };
    }
  }
  return undefined;
}

function mapState(
  country: CountryCode,
  rawState: string | null,
  problems: MappingProblem[],
  warnings: MappingWarning[],
  names: AddressPropertyNames,
): State | undefined {
  const text = cleanOrUndefined(rawState);
  if (!isStateCountry(country)) {
    if (text !== undefined) {
      const looksLike = findState(text);
      warnings.push({
        field: 'address.state',
        property: names.state,
        message:
          `state ${quote(text)} is not sent: Sequence's state field only holds US states and Canadian provinces, and the country is ${country}` +
          (looksLike ? ` (it looks like a ${stateCountryName(looksLike.country)}; check the country)` : ''),
      });
    }
    return undefined;
  }

  const kind = stateCountryName(country);
  const example = STATE_EXAMPLE[country];
  if (text === undefined) {
    problems.push(
      propertyProblem(
        'address.state',
        names.state,
        rawState,
        `but Sequence requires a state when the country is ${country}`,
        `set a ${kind} code or name (e.g. ${example})`,
      ),
    );
    return undefined;
  }
  const found = findState(text);
  if (found && found.country === country) return found.code;
  if (found) {
    problems.push(
      propertyProblem(
        'address.state',
        names.state,
        rawState,
        `a ${stateCountryName(found.country)} (${found.code}), but the country is ${country}`,
        `set a ${kind}, or change country to ${found.country}`,
      ),
    );
    return undefined;
  }
  const territory = country === 'US' ? findUsTerritory(text) : undefined;
  if (territory) {
    problems.push(
      propertyProblem(
        'address.state',
        names.state,
        rawState,
        `${territory.name}, which Sequence treats as a country of its own`,
        `set country to ${territory.country} and leave state empty`,
      ),
    );
    return undefined;
  }
  problems.push(
    propertyProblem('address.state', names.state, rawState, `not a ${kind}`, `set a ${kind} code or name (e.g. ${example})`),
  );
  return undefined;
}
