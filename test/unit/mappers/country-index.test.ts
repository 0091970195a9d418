/**
 * The start-up build takes shortcuts (CLDR locales that resolve to one already read are skipped, a
 * name the previous locale gave the same country is passed over, ICU lowercasing is skipped for
 * text without case). These tests hold it to the plain build: same index, same keys.
 */
import fc from 'fast-check';
import {
  buildCountryIndex,
  countryNameSources,
  lowerNfkd,
  type Codes,
  type ProvenanceRecord,
} from '../../../src/mappers/country-index';

function sorted(map: Map<string, Codes>): Array<[string, Codes]> {
  return [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

describe('country index build', () => {
  it('gives exactly the index of the plain build (every locale read, every name filed)', () => {
    const fast = buildCountryIndex();
    // With provenance, every CLDR locale is read and every (source, code, name) goes through the filing.
    const plain = buildCountryIndex({ exact: new Map(), loose: new Map(), looseOf: new Map() } satisfies ProvenanceRecord);
    expect(fast.loose.size).toBeGreaterThan(20_000);
    expect(sorted(fast.loose)).toEqual(sorted(plain.loose));
    expect(sorted(fast.exact)).toEqual(sorted(plain.exact));
    expect(sorted(fast.parts)).toEqual(sorted(plain.parts));
    expect([...fast.ambiguous].sort()).toEqual([...plain.ambiguous].sort());
    expect(fast.names).toBe(plain.names);
  });

  it('lowercases every source name as normalize("NFKD").toLowerCase() does', () => {
    const names = [...new Set(countryNameSources().map(({ name }) => name))];
    expect(names.length).toBeGreaterThan(20_000);
    const differing = names.filter((name) => lowerNfkd(name) !== name.normalize('NFKD').toLowerCase());
    expect(differing).toEqual([]);
  });

  it('lowercases any text as normalize("NFKD").toLowerCase() does', () => {
    // Cased letters of several scripts, compatibility forms (ℌ, Ⓐ, ﬁ, full-width), final sigma, İ.
    const tricky = fc.constantFrom('Σ', 'ΟΔΟΣ', 'İ', 'ℌ', 'Ⓐ', 'ﬁ', 'Ａ', 'ǅ', 'Ꭰ', '𐐀', '𞤀', 'ẞ', 'Å', 'ß', 'ı', 'Ω', 'K');
    const text = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: 'grapheme' }),
      fc.array(fc.oneof(tricky, fc.string({ unit: 'grapheme-ascii', maxLength: 3 }))).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(text, (value) => lowerNfkd(value) === value.normalize('NFKD').toLowerCase()),
      { numRuns: 2000 },
    );
  });
});
