/**
 * Zod schemas for the Sequence customer API, version 2024-07-30.
 * Requests are strict (unknown keys rejected) so a payload that passes here is one Sequence accepts;
 * responses are parsed leniently (unknown keys kept out, optional fields tolerated) so a new field
 * added by Sequence never breaks a sync.
 */
import { z } from 'zod';

export const SEQUENCE_API_VERSION = '2024-07-30';

export const COUNTRY_CODES = [
  'AD', 'AE', 'AF', 'AG', 'AI', 'AL', 'AM', 'AO', 'AQ', 'AR', 'AS', 'AT', 'AU', 'AW', 'AX', 'AZ',
  'BA', 'BB', 'BD', 'BE', 'BF', 'BG', 'BH', 'BI', 'BJ', 'BL', 'BM', 'BN', 'BO', 'BQ', 'BR', 'BS',
  'BT', 'BV', 'BW', 'BY', 'BZ', 'CA', 'CC', 'CD', 'CF', 'CG', 'CH', 'CI', 'CK', 'CL', 'CM', 'CN',
  'CO', 'CR', 'CU', 'CV', 'CW', 'CX', 'CY', 'CZ', 'DE', 'DJ', 'DK', 'DM', 'DO', 'DZ', 'EC', 'EE',
  'EG', 'EH', 'ER', 'ES', 'ET', 'FI', 'FJ', 'FK', 'FM', 'FO', 'FR', 'GA', 'GB', 'GD', 'GE', 'GF',
  'GG', 'GH', 'GI', 'GL', 'GM', 'GN', 'GP', 'GQ', 'GR', 'GS', 'GT', 'GU', 'GW', 'GY', 'HK', 'HM',
  'HN', 'HR', 'HT', 'HU', 'ID', 'IE', 'IL', 'IM', 'IN', 'IO', 'IQ', 'IR', 'IS', 'IT', 'JE', 'JM',
  'JO', 'JP', 'KE', 'KG', 'KH', 'KI', 'KM', 'KN', 'KP', 'KR', 'KW', 'KY', 'KZ', 'LA', 'LB', 'LC',
  'LI', 'LK', 'LR', 'LS', 'LT', 'LU', 'LV', 'LY', 'MA', 'MC', 'MD', 'ME', 'MF', 'MG', 'MH', 'MK',
  'ML', 'MM', 'MN', 'MO', 'MP', 'MQ', 'MR', 'MS', 'MT', 'MU', 'MV', 'MW', 'MX', 'MY', 'MZ', 'NA',
  'NC', 'NE', 'NF', 'NG', 'NI', 'NL', 'NO', 'NP', 'NR', 'NU', 'NZ', 'OM', 'PA', 'PE', 'PF', 'PG',
  'PH', 'PK', 'PL', 'PM', 'PN', 'PR', 'PS', 'PT', 'PW', 'PY', 'QA', 'RE', 'RO', 'RS', 'RU', 'RW',
  'SA', 'SB', 'SC', 'SD', 'SE', 'SG', 'SH', 'SI', 'SJ', 'SK', 'SL', 'SM', 'SN', 'SO', 'SR', 'SS',
  'ST', 'SV', 'SX', 'SY', 'SZ', 'TC', 'TD', 'TF', 'TG', 'TH', 'TJ', 'TK', 'TL', 'TM', 'TN', 'TO',
  'TR', 'TT', 'TV', 'TW', 'TZ', 'UA', 'UG', 'UM', 'US', 'UY', 'UZ', 'VA', 'VC', 'VE', 'VG', 'VI',
  'VN', 'VU', 'WF', 'WS', 'XK', 'YE', 'YT', 'ZA', 'ZM', 'ZW',
] as const;
export const CountryCode = z.enum(COUNTRY_CODES);
export type CountryCode = z.infer<typeof CountryCode>;

/** US states (and DC) followed by Canadian provinces and territories, as Sequence lists them. */
export const STATE_CODES = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DC', 'DE', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA',
  'KS', 'KY', 'LA', 'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM',
  'NY', 'NC', 'ND', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA',
  'WV', 'WI', 'WY', 'AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT',
] as const;
export const State = z.enum(STATE_CODES);
export type State = z.infer<typeof State>;

export const TaxStatus = z.enum(['TAXED', 'TAX_EXEMPT', 'REVERSE_CHARGED']);
export type TaxStatus = z.infer<typeof TaxStatus>;

/** A tax status as people write it: any case, spaces or hyphens for underscores ("tax exempt", "reverse-charged"). */
export const taxStatusFromText = (value: string) => TaxStatus.safeParse(value.trim().toUpperCase().replace(/[\s-]+/g, '_'));

export const INTEGRATION_SERVICES = [
  'Amazon_Redshift', 'GoCardless', 'Google_BigQuery', 'Google_Sheets', 'HubSpot', 'NetSuite',
  'QuickBooks_Online', 'Salesforce', 'Slack', 'Snowflake', 'Stripe', 'Xero', 'Avalara', 'Anrok',
  'Attio', 'Numeral', 'Rillet', 'Sphere',
] as const;
export const IntegrationService = z.enum(INTEGRATION_SERVICES);
export type IntegrationService = z.infer<typeof IntegrationService>;

export const ContactBillingPreference = z.enum(['PRIMARY', 'STANDARD', 'NONE']);
export type ContactBillingPreference = z.infer<typeof ContactBillingPreference>;

export const CustomerStatus = z.enum(['DRAFT', 'ACTIVE']);
export type CustomerStatus = z.infer<typeof CustomerStatus>;

/** Integrations a created customer can be pushed to (CreateOrUpdateCustomerRequestIntegration). */
export const PushIntegration = z.enum(['Xero']);
export type PushIntegration = z.infer<typeof PushIntegration>;
