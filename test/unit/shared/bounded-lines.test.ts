/** Splitting a byte stream into lines no longer than a limit (map --jsonl, issue 22 item 8). */
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { boundedLines, type BoundedLine } from '../../../src/shared/bounded-lines';

async function collect(chunks: Buffer[], maxBytes: number): Promise<{ lines: BoundedLine[]; peak: number }> {
  const lines: BoundedLine[] = [];
  let peak = 0;
  for await (const item of boundedLines(Readable.from(chunks), maxBytes, (held) => (peak = Math.max(peak, held)))) lines.push(item);
  return { lines, peak };
}

describe('boundedLines', () => {
  it('property: every line comes back whole and numbered, over-long ones as such, and no more than the limit is ever held', async () => {
    const text = fc.array(fc.string({ unit: fc.constantFrom('a', 'é', '{', '"', '\r', ' '), maxLength: 40 }), { maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(text, fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 17 }), fc.boolean(), async (lines, max, chunkSize, finalNewline) => {
        const whole = Buffer.from(lines.join('\n') + (finalNewline && lines.length ? '\n' : ''), 'utf8');
        const chunks: Buffer[] = [];
        for (let i = 0; i < whole.length; i += chunkSize) chunks.push(whole.subarray(i, i + chunkSize));
        const { lines: got, peak } = await collect(chunks, max);
        const expected = whole.length === 0 ? [] : whole.toString('utf8').split('\n');
        // A newline ends a line: text that ends with one has no further (empty) line after it.
        if (expected.length && expected[expected.length - 1] === '') expected.pop();
        expect(got.map((l) => l.number)).toEqual(expected.map((_, i) => i + 1));
        got.forEach((l, i) => {
          const raw = expected[i]!.replace(/\r$/, '');
          if (Buffer.byteLength(raw, 'utf8') > max) expect(l).toEqual({ number: i + 1, tooLong: true });
          else expect(l).toEqual({ number: i + 1, text: raw });
        });
        expect(peak).toBeLessThanOrEqual(max + 1);
      }),
    );
  });
});
