/**
 * Debian's iso-codes translations (country-iso-codes.ts), one of the index's sources since issue 21's
 * second pass: about 150 languages. Every name resolves to its country or is refused naming it; none
 * goes to another country. A translation that names another country than its code, or that its
 * language gives to two countries, may only give one of the countries it names.
 */
import { lookupCountry } from '../../../src/mappers';
import { heldOutVerdict } from './country-held-out';
import { SOURCE_ERRORS, isoCodesAvailable, isoCodesKey, isoCodesRows, readMo } from './country-iso-codes';

// CI installs the package (.ci/run); elsewhere the suite says why it did not run.
const available = isoCodesAvailable();
if (!available && !process.env.CI) {
  process.stderr.write('country-iso-codes.test.ts: skipped, Debian\'s iso-codes is not installed (apt-get install iso-codes)\n');
}

(available || process.env.CI ? describe : describe.skip)("Debian's iso-codes translations, one of the index's sources", () => {
  const rows = available ? isoCodesRows() : [];

  test('it holds at least 140 languages and 35,000 names, 14,000 of them official names', () => {
    expect(new Set(rows.map((row) => row.language)).size).toBeGreaterThanOrEqual(140);
    expect(rows.length).toBeGreaterThanOrEqual(35_000);
    expect(rows.filter((row) => row.field === 'official_name').length).toBeGreaterThanOrEqual(14_000);
  });

  test('no name goes to a wrong country, and at least 99% resolve right', () => {
    const unexpected: string[] = [];
    let right = 0;
    let counted = 0;
    for (const row of rows) {
      const key = isoCodesKey(row);
      const named = SOURCE_ERRORS.get(key)?.names;
      if (named || row.shared) {
        // The text names another country, or one of two: the index must name one of those, or refuse.
        const allowed = named ? [named] : row.shared!;
        const found = lookupCountry(row.spelling);
        if (found.kind === 'found' && !allowed.includes(found.code)) unexpected.push(`${key} → ${found.code} (the text names ${allowed.join(' or ')})`);
        continue;
      }
      counted += 1;
      const verdict = heldOutVerdict(row);
      if (verdict === 'right') right += 1;
      if (verdict === 'wrong') unexpected.push(`${key} → ${JSON.stringify(lookupCountry(row.spelling))}`);
    }
    expect(unexpected).toEqual([]);
    expect(right / counted).toBeGreaterThanOrEqual(0.99);
  });
});

describe('readMo', () => {
  test('reads a little-endian GNU .mo table and skips the header', () => {
    const strings: Array<[string, string]> = [
      ['', 'Content-Type: text/plain; charset=UTF-8\n'],
      ['Germany', 'Deutschland'],
      ['Japan', '日本'],
    ];
    const header = 28;
    const tables = strings.length * 16;
    const ids = strings.map(([id]) => Buffer.from(id, 'utf8'));
    const texts = strings.map(([, text]) => Buffer.from(text, 'utf8'));
    const body = Buffer.concat([...ids, ...texts].flatMap((buffer) => [buffer, Buffer.alloc(1)]));
    const file = Buffer.alloc(header + tables + body.length);
    file.writeUInt32LE(0x950412de, 0);
    file.writeUInt32LE(strings.length, 8);
    file.writeUInt32LE(header, 12);
    file.writeUInt32LE(header + strings.length * 8, 16);
    let at = header + tables;
    [...ids, ...texts].forEach((buffer, index) => {
      file.writeUInt32LE(buffer.length, header + index * 8);
      file.writeUInt32LE(at, header + index * 8 + 4);
      at += buffer.length + 1;
    });
    body.copy(file, header + tables);
    expect(readMo(file)).toEqual(new Map([['Germany', 'Deutschland'], ['Japan', '日本']]));
    expect(() => readMo(Buffer.alloc(28))).toThrow('not a GNU .mo file');
  });
});
