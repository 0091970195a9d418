/**
 * The msgid → msgstr table of a GNU .mo file. Hand-written: the format is a fixed header and two
 * tables of (length, offset) pairs into UTF-8 strings; gettext-parser, the maintained reader, is an
 * ES module with an iconv dependency that jest would have to compile, for twenty lines.
 */
export function readMo(file: Buffer): Map<string, string> {
  const magic = file.readUInt32LE(0);
  const read = magic === 0x950412de ? (at: number) => file.readUInt32LE(at) : magic === 0xde120495 ? (at: number) => file.readUInt32BE(at) : undefined;
  if (!read) throw new Error('not a GNU .mo file (bad magic number)');
  const count = read(8);
  const originals = read(12);
  const translations = read(16);
  const text = (table: number, index: number) => {
    const length = read(table + index * 8);
    const offset = read(table + index * 8 + 4);
    return file.toString('utf8', offset, offset + length);
  };
  const messages = new Map<string, string>();
  for (let index = 0; index < count; index++) {
    const id = text(originals, index);
    // Plural forms are NUL-separated; the country names have none, and the header (id "") is skipped.
    if (id) messages.set(id, text(translations, index).split('\0')[0]!);
  }
  return messages;
}
