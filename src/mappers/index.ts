/**
 * HubSpot company (+ contacts) → Sequence CreateOrUpdateCustomerRequest. Pure functions only.
 */
export { mapCompanyToCustomer, companyAlias, companyPropertiesToRead, mappedCompanyProperties, type MapOutcome } from './toCustomer';
export { formatProblem, formatWarning, type MappingProblem, type MappingWarning } from './problems';
export { resolveCountry, lookupCountry, countryName, COUNTRY_ALIASES, type CountryLookup } from './country';
export {
  resolveState,
  findState,
  findUsTerritory,
  US_STATES,
  CA_PROVINCES,
  type ResolvedState,
  type StateCountry,
} from './state';
export { mapAddress, ADDRESS_PROPERTIES } from './address';
export { mapContacts, normalizeEmail, MAPPED_CONTACT_PROPERTIES } from './contacts';
export { normalizeWebsite, type WebsiteResult } from './url';
export { mapTaxStatus } from './tax';
