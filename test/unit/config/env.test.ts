import { ConfigError, parseEnv } from '../../../config/env';
import { TESTED_HUBSPOT_API_VERSIONS, describeApiVersion } from '../../../src/hubspot/api-version';
import { configFromEnv } from '../../../config';
import { configProblems } from '../../helpers/config';


describe('configuration from the environment', () => {
  it('applies the documented defaults', () => {
    const config = configFromEnv(parseEnv({}));
    expect(config.redis).toEqual({ url: 'redis://127.0.0.1:6379', prefix: 'crm-sequence-sync', dnsPassthrough: false });
    expect(config.hubspot.baseUrl).toBe('https://api.hubapi.com');
    expect(config.sequence.baseUrl).toBe('https://eu.sequencehq.com/api');
    expect(config.sequence.apiVersion).toBe('2024-07-30');
    expect(config.http.port).toBe(3000);
    expect(config.log.level).toBe('info');
    expect(config.limits).toMatchObject({ sequencePerMinute: 1500, hubspotPer10s: 100, hubspotSearchPerSecond: 5 });
    expect(config.mapping).toMatchObject({ aliasPrefix: 'hubspot-company-', billingContactLabel: 'Billing contact', otherContactsPreference: 'STANDARD', defaultTaxStatus: 'TAXED' });
  });

  it('reads every given value', () => {
    const env = parseEnv({
      REDIS_URL: 'redis://redis:6380/2',
      QUEUE_PREFIX: 'acme',
      HUBSPOT_ACCESS_TOKEN: 'pat-123',
      HUBSPOT_BASE_URL: 'http://localhost:9000/',
      SEQUENCE_CLIENT_ID: 'id',
      SEQUENCE_CLIENT_SECRET: 'secret',
      SEQUENCE_BASE_URL: 'https://sandbox.sequencehq.com/api',
      PORT: '8080',
      LOG_LEVEL: 'DEBUG',
      TAX_STATUS_VALUES: '{"exempt":"TAX_EXEMPT"}',
      ARCHIVE_ON_DELETE: 'no',
    }, ['hubspot', 'sequence']);
    const config = configFromEnv(env);
    expect(config.redis).toEqual({ url: 'redis://redis:6380/2', prefix: 'acme', dnsPassthrough: false });
    expect(config.hubspot.baseUrl).toBe('http://localhost:9000');
    expect(config.http.port).toBe(8080);
    expect(config.log.level).toBe('debug');
    expect(config.mapping.taxStatusValues).toEqual({ exempt: 'TAX_EXEMPT' });
    expect(env.ARCHIVE_ON_DELETE).toBe(false);
  });

  it('lists every problem at once, each by variable name', () => {
    const problems = configProblems(
      { PORT: 'eighty', REDIS_URL: 'http://nope', LOG_LEVEL: 'loud', SEQUENCE_BASE_URL: 'not a url', WORKER_CONCURRENCY: '0', TAX_STATUS_VALUES: '{oops' },
      ['hubspot', 'sequence'],
    );
    const names = problems.map((p) => p.split(':')[0]);
    expect(names).toEqual(
      expect.arrayContaining([
        'PORT',
        'REDIS_URL',
        'LOG_LEVEL',
        'SEQUENCE_BASE_URL',
        'WORKER_CONCURRENCY',
        'TAX_STATUS_VALUES',
        'HUBSPOT_ACCESS_TOKEN',
        'SEQUENCE_CLIENT_ID',
        'SEQUENCE_CLIENT_SECRET',
      ]),
    );
    expect(problems.find((p) => p.startsWith('PORT'))).toContain('"eighty"');
    expect(problems.find((p) => p.startsWith('HUBSPOT_ACCESS_TOKEN'))).toMatch(/required/);
  });

  it('names the missing credentials only for the services a command needs', () => {
    expect(() => parseEnv({}, [])).not.toThrow();
    expect(configProblems({}, ['webhooks'])).toEqual(['HUBSPOT_CLIENT_SECRET: is required (webhooks credentials)']);
  });

  it('never prints a secret value', () => {
    const error = (() => {
      try {
        parseEnv({ HUBSPOT_ACCESS_TOKEN: 'pat-super-secret', SEQUENCE_CLIENT_SECRET: '   ', PORT: '-1' }, ['sequence']);
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(error.message).not.toContain('pat-super-secret');
    expect(error.message).toContain('SEQUENCE_CLIENT_SECRET');
    expect(error.message).toContain('PORT');
  });

  describe('REDIS_URL with credentials', () => {
    const redisProblem = (url: string) => configProblems({ REDIS_URL: url }).find((p) => p.startsWith('REDIS_URL'));

    it('masks the credentials of a URL that does not parse, and says to percent-encode', () => {
      const problem = redisProblem('redis://default:SEKRET#PW@redis.internal:6379');
      expect(problem).toContain('percent-encode');
      expect(problem).toContain('#');
      expect(problem).not.toContain('SEKRET');
      expect(problem).not.toContain('PW@');
      expect(problem).toContain('redis://***@redis.internal:6379');
    });

    it('a % that is not an escape is a configuration error, not a URIError', () => {
      const problem = redisProblem('redis://default:50%off@redis.internal:6379');
      expect(problem).toMatch(/^REDIS_URL: .*percent-encode/);
      expect(problem).not.toContain('50%off');
    });

    it('masks the credentials of a URL with the wrong scheme', () => {
      const problem = redisProblem('http://user:hunter2-secret@redis.internal:6379');
      expect(problem).toContain('redis:// or rediss://');
      expect(problem).not.toContain('hunter2-secret');
    });

    it('accepts percent-encoded credentials', () => {
      const env = parseEnv({ REDIS_URL: 'rediss://default:SEKRET%23PW%25x@redis.internal:6380/1' });
      expect(env.REDIS_URL).toBe('rediss://default:SEKRET%23PW%25x@redis.internal:6380/1');
    });
  });
});

describe('HUBSPOT_API_VERSION', () => {
  it('defaults to 2026-09 and takes any HubSpot release (YYYY-03, YYYY-09)', () => {
    expect(configFromEnv(parseEnv({})).hubspot.apiVersion).toBe('2026-09');
    expect(configFromEnv(parseEnv({ HUBSPOT_API_VERSION: ' 2026-03 ' })).hubspot.apiVersion).toBe('2026-03');
    expect(configFromEnv(parseEnv({ HUBSPOT_API_VERSION: '2027-03' })).hubspot.apiVersion).toBe('2027-03');
  });

  it('refuses a malformed version, naming the variable', () => {
    for (const value of ['v3', '2026-9', '2026-05', '2026-09-beta', 'latest', '26-09']) {
      const problems = configProblems({ HUBSPOT_API_VERSION: value });
      expect(problems).toEqual([expect.stringMatching(/^HUBSPOT_API_VERSION: .*YYYY-03 or YYYY-09.*\(got "/)]);
    }
  });

  it('says which versions are tested, for start-up and the check command', () => {
    expect(TESTED_HUBSPOT_API_VERSIONS).toEqual(['2026-03', '2026-09']);
    expect(describeApiVersion('2026-09')).toEqual({ version: '2026-09', wellFormed: true, tested: true });
    expect(describeApiVersion('2026-03')).toEqual({ version: '2026-03', wellFormed: true, tested: true });
    expect(describeApiVersion('2027-03')).toMatchObject({ wellFormed: true, tested: false, warning: expect.stringContaining('has not been tested') });
    expect(describeApiVersion('2026-13')).toMatchObject({ wellFormed: false, tested: false });
  });
});

describe('JSON settings (issue 22, item 10)', () => {
  const JSON_SETTINGS: Record<string, (key: string) => string> = {
    FIELD_OWNERSHIP: (key) => JSON.stringify({ [key]: 'create-only' }),
    CUSTOM_PROPERTIES: (key) => `{"${key}": "hs_value", "plan": "plan_name"}`,
    TAX_STATUS_VALUES: (key) => `{"${key}": "TAX_EXEMPT", "exempt": "TAX_EXEMPT"}`,
    COMPANY_PROPERTY_MAP: (key) => `{"${key}": "legal_name", "legalName": "legal_name"}`,
  };

  describe.each(Object.keys(JSON_SETTINGS))('%s', (name) => {
    it.each(['__proto__', 'constructor', 'prototype'])('refuses the key %s, naming the setting', (key) => {
      // Written as JSON text, as in .env: JSON.parse keeps "__proto__" as an ordinary key.
      const problems = configProblems({ [name]: JSON_SETTINGS[name]!(key) });
      expect(problems).toEqual([expect.stringMatching(new RegExp(`^${name}: .*"${key.replace(/_/g, '_')}"`))]);
    });
  });

  it('refuses a nested reserved key too', () => {
    expect(configProblems({ FIELD_OWNERSHIP: '{"address": {"__proto__": "x"}}' })).toEqual([expect.stringMatching(/^FIELD_OWNERSHIP: .*"__proto__"/)]);
  });

  it('refuses FIELD_OWNERSHIP=null like every other JSON setting refuses null; unset or empty is the default', () => {
    for (const name of ['FIELD_OWNERSHIP', 'CUSTOM_PROPERTIES', 'TAX_STATUS_VALUES', 'COMPANY_PROPERTY_MAP']) {
      expect(configProblems({ [name]: 'null' })).toEqual([expect.stringMatching(new RegExp(`^${name}: must be a JSON object`))]);
    }
    expect(parseEnv({ FIELD_OWNERSHIP: '' }).FIELD_OWNERSHIP).toEqual(parseEnv({}).FIELD_OWNERSHIP);
    expect(parseEnv({ FIELD_OWNERSHIP: '{}' }).FIELD_OWNERSHIP).toEqual(parseEnv({}).FIELD_OWNERSHIP);
  });

  it('refuses a TAX_STATUS_VALUES value that is not a Sequence tax status at start-up, naming the setting and the entry', () => {
    const problems = configProblems({ TAX_STATUS_VALUES: '{"exempt": "TAX_EXEMPT", "eu": "REVERSE", "none": 7}' });
    expect(problems).toEqual([
      expect.stringMatching(/^TAX_STATUS_VALUES: "eu" maps to "REVERSE", which is not a Sequence tax status \(TAXED, TAX_EXEMPT, REVERSE_CHARGED\)/),
      expect.stringMatching(/^TAX_STATUS_VALUES: /),
    ]);
    // The spellings the mapper accepts are accepted here too.
    expect(parseEnv({ TAX_STATUS_VALUES: '{"eu": "reverse-charged", "ex": "tax exempt", "t": "Taxed"}' }).TAX_STATUS_VALUES).toEqual({ eu: 'reverse-charged', ex: 'tax exempt', t: 'Taxed' });
  });
});
