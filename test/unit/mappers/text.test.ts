import fc from 'fast-check';
import { cleanText } from '../../../src/mappers/text';

/** cleanText as it was written first (always replace and trim): the quick path must give the same. */
function cleanTextByReplacing(value: string): string {
  return value
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/[\s\p{Cc}]+/gu, ' ')
    .trim();
}

const awkward = fc.constantFrom(' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2028', '\ufeff', '\u3000', '\u0000', '\u007f', '\u0085', '\ud800', '\udc00', '\ud83d\ude00', 'é', 'a', 'Z', '日');

describe('cleanText', () => {
  it.each([
    ['  Acme   Ltd ', 'Acme Ltd'],
    ['Acme\u00a0Ltd', 'Acme Ltd'],
    ['Acme\n\tLtd', 'Acme Ltd'],
    ['\ufeffAcme', 'Acme'],
    ['Ac\u0000me', 'Ac me'],
    ['A\ud800B', 'A\ufffdB'],
    ['Acme Ltd', 'Acme Ltd'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it('is blank for values that are not strings', () => {
    expect(cleanText(null)).toBe('');
    expect(cleanText(undefined)).toBe('');
  });

  it('gives what replacing and trimming every time gives, for any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.array(awkward).map((parts) => parts.join(''))), (value) => {
        expect(cleanText(value)).toBe(cleanTextByReplacing(value));
      }),
      { numRuns: 2000 },
    );
  });
});
