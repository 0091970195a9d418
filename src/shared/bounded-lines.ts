/**
 * Lines of a byte stream, each no longer than a limit, holding at most that many bytes at any time.
 * node:readline holds a line however long it grows (a 600 MB line without a newline ends in a
 * RangeError), and split2's `maxLength` either fails the stream or drops the line silently; a line
 * here that passes the limit is reported, by number, as soon as it does, its remaining bytes are
 * skipped up to the next newline, and the lines after it come through as usual.
 *
 * Lines end with `\n`; a `\r` before it is dropped. Text is decoded as UTF-8 once a line is whole.
 */
export type BoundedLine = { number: number; text: string } | { number: number; tooLong: true };

export async function* boundedLines(
  input: AsyncIterable<Buffer | string>,
  maxBytes: number,
  /** Told the bytes held after each piece (for tests: never more than `maxBytes` + 1, the `\r`). */
  onHeld?: (bytes: number) => void,
): AsyncGenerator<BoundedLine> {
  let parts: Buffer[] = [];
  let held = 0;
  let number = 0;
  /** The current line passed the limit and was reported: skip to its end. */
  let skipping = false;
  /** The current line has begun (so an input without a final newline still ends a line). */
  let begun = false;

  const finish = (): BoundedLine | undefined => {
    const wasSkipping = skipping;
    const bytes = Buffer.concat(parts, held);
    parts = [];
    held = 0;
    skipping = false;
    begun = false;
    if (wasSkipping) return undefined;
    number += 1;
    const line = bytes.length && bytes[bytes.length - 1] === 0x0d ? bytes.subarray(0, bytes.length - 1) : bytes;
    return line.length > maxBytes ? { number, tooLong: true } : { number, text: line.toString('utf8') };
  };

  for await (const raw of input) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(0x0a, start);
      const end = newline === -1 ? chunk.length : newline;
      begun = true;
      if (!skipping && end > start) {
        // One byte more than the limit may be the `\r` of a line that fits.
        if (held + (end - start) > maxBytes + 1) {
          parts = [];
          held = 0;
          skipping = true;
          number += 1;
          yield { number, tooLong: true };
        } else {
          parts.push(chunk.subarray(start, end));
          held += end - start;
          onHeld?.(held);
        }
      }
      if (newline === -1) break;
      const line = finish();
      if (line) yield line;
      start = newline + 1;
    }
  }
  if (begun) {
    const line = finish();
    if (line) yield line;
  }
}
