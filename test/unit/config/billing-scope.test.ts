import { ConfigError, configFromEnv, parseEnv } from '../../../config';
import { parseScopeSetting, scopeText } from '../../../config/billing-scope';

const scopeOf = (env: Record<string, string>) => configFromEnv(parseEnv(env)).scope;

describe('BILLING_SCOPE', () => {
  it('defaults to closed-won over every pipeline', () => {
    expect(scopeOf({})).toEqual({ kind: 'closed-won', pipelines: [] });
    expect(scopeOf({ BILLING_SCOPE: '  ' })).toEqual({ kind: 'closed-won', pipelines: [] });
  });

  it('reads each form', () => {
    expect(scopeOf({ BILLING_SCOPE: 'Closed-Won', BILLING_SCOPE_PIPELINES: 'default, Renewals ,default' })).toEqual({ kind: 'closed-won', pipelines: ['default', 'Renewals'] });
    expect(scopeOf({ BILLING_SCOPE: 'lifecycle:Customer, evangelist' })).toEqual({ kind: 'lifecycle', stages: ['customer', 'evangelist'] });
    expect(scopeOf({ BILLING_SCOPE: 'property:billing_enabled' })).toEqual({ kind: 'property', name: 'billing_enabled' });
    expect(scopeOf({ BILLING_SCOPE: 'ALL' })).toEqual({ kind: 'all' });
  });

  it.each(['closed_won', 'lifecycle:', 'lifecycle:a b', 'property:', 'property:1x', 'everything', 'deals:won'])('%j is a configuration error naming the setting and the forms', (value) => {
    let error: unknown;
    try {
      parseEnv({ BILLING_SCOPE: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('BILLING_SCOPE: ');
    expect(message).toContain('closed-won, lifecycle:<stage>[,<stage>…], property:<name> or all');
    expect(message).toContain(`(got ${JSON.stringify(value)})`);
  });

  it('BILLING_SCOPE_PIPELINES only goes with closed-won', () => {
    expect(() => parseEnv({ BILLING_SCOPE: 'all', BILLING_SCOPE_PIPELINES: 'default' })).toThrow(/BILLING_SCOPE_PIPELINES: only applies to BILLING_SCOPE=closed-won/);
  });

  it('writes each form back as it is read', () => {
    for (const text of ['closed-won', 'all', 'lifecycle:customer,evangelist', 'property:billing_enabled']) {
      const parsed = parseScopeSetting(text);
      expect(parsed.ok && scopeText(parsed.value)).toBe(text);
    }
  });
});
