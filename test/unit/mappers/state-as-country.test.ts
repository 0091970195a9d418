/**
 * A country field that reads as a US state or Canadian province code ("PA", "IN", "GA") or name
 * ("Georgia") while the state field names that state: refused with "did you mean US (state XX)?",
 * never sent abroad.
 */
import { formatProblem, mapCompanyToCustomer, US_STATES, CA_PROVINCES } from '../../../src/mappers';
import { lookupCountry } from '../../../src/mappers/country';
import { baseConfig, bundle } from './fixtures';

function problemLines(properties: Record<string, string | null>): string[] {
  const outcome = mapCompanyToCustomer(bundle(properties), baseConfig);
  return outcome.ok ? [] : outcome.problems.map(formatProblem);
}

/** Every state or province code that is also an ISO country code other than its own country. */
const CLASHING = [
  ...US_STATES.map((state) => ({ ...state, country: 'US' })),
  ...CA_PROVINCES.map((province) => ({ ...province, country: 'CA' })),
].filter((entry) => {
  const found = lookupCountry(entry.code);
  return found.kind !== 'unknown' && !(found.kind === 'found' && found.code === entry.country);
});

describe('a state code in the country field', () => {
  test('there are about 25 such codes (the issue counts 25 for the US alone)', () => {
    expect(CLASHING.length).toBeGreaterThanOrEqual(25);
    expect(CLASHING.map((entry) => entry.code)).toEqual(expect.arrayContaining(['PA', 'GA', 'DE', 'IN', 'CA', 'NL', 'PE', 'SK']));
  });

  test.each(CLASHING.flatMap((entry) => [[entry.code, entry.code, entry], [entry.code, entry.name, entry]] as const))(
    'country %j with state %j is refused: did you mean %#',
    (country, state, entry) => {
      const lines = problemLines({ country, state });
      const kind = entry.country === 'US' ? 'state' : 'province';
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`did you mean ${entry.country} (${kind} ${entry.code})?`);
      expect(lines[0]).toMatch(/^address\.country: /);
    },
  );

  test('the issue’s examples read as intended', () => {
    expect(problemLines({ country: 'PA', state: 'Pennsylvania' })).toEqual([
      'address.country: HubSpot property "country" is "PA", which is Panama (PA), but the state is "Pennsylvania", the US state Pennsylvania (PA); did you mean US (state PA)?; set country to US; if the company really is in Panama, clear "state"',
    ]);
    expect(problemLines({ country: 'IN', state: 'IN' })[0]).toContain('did you mean US (state IN)?');
    expect(problemLines({ country: 'DE', state: 'Delaware' })[0]).toContain('did you mean US (state DE)?');
    expect(problemLines({ country: 'GA', state: 'Georgia' })[0]).toContain('did you mean US (state GA)?');
  });

  test('a code with a different region of that country is not refused (India, state TN = Tamil Nadu)', () => {
    const outcome = mapCompanyToCustomer(bundle({ country: 'IN', state: 'TN' }), baseConfig);
    expect(outcome.ok).toBe(true);
  });

  test('a code with no state is the country', () => {
    const outcome = mapCompanyToCustomer(bundle({ country: 'PA', state: null }), baseConfig);
    expect(outcome.ok && outcome.request.address.country).toBe('PA');
  });
});

describe('"Georgia" with a US state', () => {
  test.each([
    [{ country: 'Georgia', state: 'GA' }, 'GA'],
    [{ country: 'Georgia', state: 'Georgia' }, 'GA'],
    [{ country: 'Georgia', state: 'Atlanta' }, 'GA'],
    [{ country: 'Georgia', state: null, city: 'Atlanta' }, 'GA'],
    [{ country: 'Géorgie', state: 'Géorgie' }, 'GA'],
    [{ country: 'Georgia', state: 'NY' }, 'NY'],
  ])('%j is refused: did you mean US (state %s)?', (properties, code) => {
    const lines = problemLines(properties);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`did you mean US (state ${code})?`);
  });

  test('Georgia with a Georgian region or no state is the country', () => {
    for (const properties of [{ country: 'Georgia', state: 'Tbilisi', city: 'Tbilisi' }, { country: 'Georgia', state: null, city: 'Batumi' }]) {
      const outcome = mapCompanyToCustomer(bundle(properties), baseConfig);
      expect(outcome.ok && outcome.request.address.country).toBe('GE');
    }
  });
});
