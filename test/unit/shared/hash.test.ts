import fc from 'fast-check';
import { canonicalJson } from '../../../src/shared/hash';

/** The earlier implementation: the stored hashes were made with it, so the text must not change. */
function reference(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

describe('canonicalJson', () => {
  it('gives exactly the text of the replacer-based version, for any JSON-like value', () => {
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined)),
      node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(fc.string(), tie('node'), { maxKeys: 5 })),
    })).node;
    fc.assert(fc.property(value, (v) => canonicalJson({ root: v }) === reference({ root: v })), { numRuns: 2_000 });
  });

  it('sorts keys at every depth and drops undefined fields, as JSON does', () => {
    expect(canonicalJson({ b: 1, a: { d: [undefined, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[null,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ at: new Date(0) })).toBe('{"at":"1970-01-01T00:00:00.000Z"}');
    const numbered = { b: 1, '10': 2, '': 3, '9': 4, '01': 5, '4294967295': 6 };
    expect(canonicalJson(numbered)).toBe(reference(numbered));
    expect(canonicalJson(numbered)).toBe('{"9":4,"10":2,"":3,"01":5,"4294967295":6,"b":1}');
  });
});
