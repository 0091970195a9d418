import { configFromEnv, parseEnv, ConfigError } from '../../../config';
import { companyPropertiesToRead, formatProblem, mapCompanyToCustomer } from '../../../src/mappers';

const contact = { id: '9', properties: { email: 'ap@acme.example', firstname: 'Ann', lastname: 'Payer' }, associationTypes: [{ typeId: 2, label: null, category: 'HUBSPOT_DEFINED' }] };

describe('COMPANY_PROPERTY_MAP: where each field comes from', () => {
  const config = configFromEnv(parseEnv({ COMPANY_PROPERTY_MAP: '{"legalName":"legal_name","country":"billing_country","postcode":"billing_zip"}' })).mapping;

  it('reads the configured properties instead of the standard ones', () => {
    const outcome = mapCompanyToCustomer(
      { company: { id: '1', properties: { name: 'Acme', legal_name: 'Acme Holdings Ltd', address: '1 Road', city: 'Leeds', zip: 'X', billing_zip: 'LS1 1AA', billing_country: 'United Kingdom' } }, contacts: [contact] },
      config,
    );
    expect(outcome.ok && outcome.request).toMatchObject({ legalName: 'Acme Holdings Ltd', address: { postcode: 'LS1 1AA', country: 'GB' } });
  });

  it('names the configured property in problems, and asks HubSpot for it', () => {
    const outcome = mapCompanyToCustomer({ company: { id: '1', properties: { name: 'Acme', address: '1 Road', city: 'Leeds', billing_zip: 'LS1', billing_country: 'Narnia' } }, contacts: [contact] }, config);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.problems.map(formatProblem)).toEqual(expect.arrayContaining([expect.stringContaining('HubSpot property "billing_country" is "Narnia"'), expect.stringContaining('"legal_name"')]));
    }
    expect(companyPropertiesToRead(config)).toEqual(expect.arrayContaining(['legal_name', 'billing_country', 'billing_zip', 'city']));
  });

  it('rejects unknown fields by variable name', () => {
    try {
      parseEnv({ COMPANY_PROPERTY_MAP: '{"vatNumber":"vat"}' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.join('\n')).toMatch(/^COMPANY_PROPERTY_MAP: .*legalName/m);
    }
  });
});
