import { normalizeWebsite } from '../../../src/mappers';

const VALID: Array<[string, string]> = [
  ['acme.com', 'https://acme.com'],
  ['www.acme.com', 'https://www.acme.com'],
  ['WWW.Acme.COM', 'https://www.acme.com'],
  ['http://acme.com', 'https://acme.com'],
  ['https://acme.com/', 'https://acme.com'],
  ['HTTPS://Acme.com/About-Us', 'https://acme.com/About-Us'],
  ['  acme.com/en  ', 'https://acme.com/en'],
  ['acme .com', 'https://acme.com'],
  ['//acme.com', 'https://acme.com'],
  ['https:/acme.com', 'https://acme.com'],
  ['acme.co.uk/shop?ref=hs', 'https://acme.co.uk/shop?ref=hs'],
  ['https://acme.com/#contact', 'https://acme.com'],
  ['acme.com:8443/app', 'https://acme.com:8443/app'],
  ['http://acme.com:80/', 'https://acme.com'],
  ['münchen.de', 'https://xn--mnchen-3ya.de'],
  ['acme.com.', 'https://acme.com'],
];

const INVALID: Array<[string, RegExp]> = [
  ['', /empty/],
  ['acme', /hostname/],
  ['localhost:3000', /hostname/],
  ['192.168.0.1', /IP address/],
  ['info@acme.com', /user name/],
  ['mailto:info@acme.com', /scheme/],
  ['ftp://files.acme.com', /scheme/],
  ['n/a', /hostname|not a web address/],
  ['acme_corp.com', /hostname/],
  ['http://', /no hostname/],
  ['a'.repeat(3000) + '.com', /longer than/],
];

describe('normalizeWebsite', () => {
  test.each(VALID)('%j → %s', (text, url) => {
    expect(normalizeWebsite(text)).toEqual({ ok: true, url });
  });
  test.each(INVALID)('%j is rejected (%s)', (text, reason) => {
    const result = normalizeWebsite(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});
