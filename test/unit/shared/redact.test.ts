import fc from 'fast-check';
import { ApiError } from '../../../src/errors';
import { formatCheckLine } from '../../../src/check/checks';
import { maskUrlCredentials, redactText, redactValue, registerBasicCredentials, registerBearerToken, registerSecrets } from '../../../src/shared/redact';

const TOKEN_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~+/';
const token = fc.string({ unit: fc.constantFrom(...TOKEN_CHARS), minLength: 8, maxLength: 60 });
const noise = fc.string({ unit: fc.constantFrom(...'abc XYZ:{}",=;&\n'), maxLength: 40 });

describe('redactText', () => {
  it('removes bearer and basic tokens, Authorization values and URL credentials', () => {
    expect(redactText('echo: {"Authorization":"Bearer pat-na1-0123abcd"}')).not.toContain('pat-na1-0123abcd');
    expect(redactText('Authorization=abc123secret&x=1')).toBe('Authorization=[redacted]&x=1');
    expect(redactText('authorization: Basic YWRtaW46b3Blbi1zZXNhbWU=')).not.toContain('YWRtaW46');
    expect(redactText('sent Bearer eyJhbGciOi.x.y to the API')).toBe('sent Bearer [redacted] to the API');
    expect(redactText('client_secret=shh-its-secret&grant_type=client_credentials')).toBe('client_secret=[redacted]&grant_type=client_credentials');
    expect(redactText('{"clientSecret": "shh, its secret", "user": "x"}')).toBe('{"clientSecret": "[redacted]", "user": "x"}');
    expect(redactText('connect redis://default:p@ss#w0rd@host:6379 failed')).toBe('connect redis://***@host:6379 failed');
  });

  it('leaves ordinary text alone', () => {
    const text = 'sequence answered 400: postcode is not valid; basic information missing for company 42; password: is required';
    expect(redactText(text)).toBe(text);
  });

  it('removes the configured secret values wherever they appear', () => {
    registerSecrets(['configured-S3cret-value', undefined, 'abc']);
    expect(redactText('xconfigured-S3cret-valuex')).toBe('x[redacted]x');
    expect(redactText('abc stays: too short to be a registered secret')).toContain('abc');
  });

  it('property: a token after Bearer, Basic or Authorization never survives, whatever surrounds it', () => {
    fc.assert(
      fc.property(noise, fc.constantFrom('Bearer ', 'bearer  ', 'Authorization: Bearer ', 'authorization=', '"authorization": "', 'Authorization: Basic '), token, noise, (before, lead, secret, after) => {
        const basic = lead.endsWith('Basic ') ? `${secret.replace(/[^A-Za-z0-9+/]/g, 'A')}Z9` : secret;
        const out = redactText(`${before}${lead}${basic}${after}`);
        expect(out).not.toContain(basic);
      }),
    );
  });

  it('property: a configured secret never survives, whatever surrounds it', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 6, maxLength: 40 }).filter((v) => v.trim() === v), noise, noise, (secret, before, after) => {
        registerSecrets([secret]);
        expect(redactText(`${before}${secret}${after}`)).not.toContain(secret);
      }),
    );
  });

  it('property: credentials in a URL never survive masking', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'abcXYZ019:#%/?!$'), minLength: 6, maxLength: 30 }), (password) => {
        const out = maskUrlCredentials(`redis://default:${password}@redis.internal:6379`);
        expect(out).toBe('redis://***@redis.internal:6379');
      }),
    );
  });
});

describe('redactValue', () => {
  it('redacts every string of a parsed body, and credential-named keys whole', () => {
    const body = { message: 'bad request', context: { headers: ['Authorization: Bearer pat-xyz-12345678'] }, accessToken: 'tok-1' };
    expect(JSON.stringify(redactValue(body))).not.toMatch(/pat-xyz|tok-1/);
    expect(redactValue(body)).toMatchObject({ message: 'bad request' });
  });
});

describe('registered credentials, in every form an upstream may echo them (issue 22, item 4)', () => {
  // Credentials as users paste them: token characters, and ids and secrets that may hold anything printable.
  const secretText = fc.string({ unit: fc.constantFrom(...`${TOKEN_CHARS}:!@#$%^&*()"'\\ =?`), minLength: 8, maxLength: 40 }).filter((v) => v.trim() === v);
  const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
  const forms: Record<string, (c: { token: string; id: string; secret: string }) => string> = {
    token: (c) => c.token,
    bearer: (c) => `Bearer ${c.token}`,
    'bearer, lower case, no space after a colon': (c) => `authorization:bearer ${c.token}`,
    'token, percent-encoded': (c) => encodeURIComponent(c.token),
    'token, JSON-escaped': (c) => JSON.stringify(c.token).slice(1, -1),
    'client secret': (c) => c.secret,
    'client secret, percent-encoded': (c) => encodeURIComponent(c.secret),
    'client secret, JSON-escaped': (c) => JSON.stringify(c.secret).slice(1, -1),
    'id:secret': (c) => `${c.id}:${c.secret}`,
    'base64(id:secret)': (c) => base64(`${c.id}:${c.secret}`),
    'base64(id:secret) without padding': (c) => base64(`${c.id}:${c.secret}`).replace(/=+$/, ''),
    'base64url(id:secret)': (c) => base64(`${c.id}:${c.secret}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
    'Basic base64(id:secret)': (c) => `Basic ${base64(`${c.id}:${c.secret}`)}`,
  };
  const revealing = (c: { token: string; id: string; secret: string }) => [
    c.token,
    c.secret,
    base64(`${c.id}:${c.secret}`).replace(/=+$/, ''),
    ...['token', 'client secret', 'base64(id:secret)'].map((f) => forms[f]!(c)),
  ];

  it('property: no registered form survives redactText, an ApiError message or a check line, wherever it stands', () => {
    fc.assert(
      fc.property(secretText, secretText, secretText, fc.constantFrom(...Object.keys(forms)), noise, noise, (token, id, secret, form, before, after) => {
        const c = { token, id, secret };
        registerBearerToken(token);
        registerBasicCredentials(id, secret);
        const echo = `${before}${forms[form]!(c)}${after}`;
        const outputs = [
          redactText(echo),
          new ApiError({ service: 'sequence', method: 'GET', path: '/customers', status: 400, body: { error: { type: 'BadRequest', message: echo } } }).message,
          new ApiError({ service: 'hubspot', method: 'GET', path: '/crm', status: 502, body: echo }).message,
          JSON.stringify(redactValue({ message: echo, [echo]: 1 })),
          formatCheckLine({ item: 'Sequence credentials', status: 'fail', detail: `Sequence answered 400: ${echo}` }),
        ];
        for (const output of outputs) for (const secretForm of revealing(c)) expect(output).not.toContain(secretForm);
      }),
      { numRuns: 300 },
    );
  });
});
