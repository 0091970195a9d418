/** PUSH_TO_INTEGRATIONS: a list of the integrations the schema lets a new customer be pushed to, checked at start-up. */
import { parseEnv } from '../../../config/env';
import { configFromEnv } from '../../../config';
import { configProblems } from '../../helpers/config';

const problems = (value: string) => configProblems({ PUSH_TO_INTEGRATIONS: value });

describe('PUSH_TO_INTEGRATIONS', () => {
  it('is empty by default and reads a comma-separated list, case-blind, without repeats', () => {
    expect(configFromEnv(parseEnv({})).mapping.pushToIntegrations).toEqual([]);
    expect(configFromEnv(parseEnv({ PUSH_TO_INTEGRATIONS: 'Xero' })).mapping.pushToIntegrations).toEqual(['Xero']);
    expect(configFromEnv(parseEnv({ PUSH_TO_INTEGRATIONS: ' xero , XERO ' })).mapping.pushToIntegrations).toEqual(['Xero']);
    expect(configFromEnv(parseEnv({ PUSH_TO_INTEGRATIONS: '' })).mapping.pushToIntegrations).toEqual([]);
  });

  it('refuses an integration the schema does not list, naming the variable and what is allowed', () => {
    expect(problems('Xero,QuickBooks_Online')).toEqual(['PUSH_TO_INTEGRATIONS: "QuickBooks_Online" is not an integration Sequence can push a new customer to; allowed: Xero (got "Xero,QuickBooks_Online")']);
  });
});
