/**
 * Text clean-up shared by the mapper modules. HubSpot values are typed by people: they carry stray
 * whitespace, line breaks, control characters and (rarely) broken UTF-16. Everything the mapper
 * sends to Sequence passes through `cleanText` first, so equal inputs give byte-identical payloads.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const SPACE_OR_CONTROL = /[\s\p{Cc}]+/gu;
/** What `SPACE_OR_CONTROL` and `trim` would change: a space other than U+0020, a control character, two
 * spaces in a row, a leading or trailing space. */
const NEEDS_SPACING_FIX = /[^\S ]|\p{Cc}| {2}|^ | $/u;
const FORMAT_CHARS = /\p{Cf}/gu;
const COMBINING_DIACRITICS = /[\u0300-\u036f]/g;

/** Values longer than this are shortened in problem and warning messages (never in payloads). */
export const MAX_SHOWN_LENGTH = 120;

/**
 * Trims, collapses every run of whitespace and control characters to one space, and replaces
 * unpaired surrogates with U+FFFD so the result is well-formed text.
 */
export function cleanText(value: string | null | undefined): string {
  if (typeof value !== 'string') return '';
  const wellFormed = value.isWellFormed() ? value : value.replace(LONE_SURROGATE, '\uFFFD');
  // Most values are clean already: one scan to say so is cheaper than the replace and the trim
  // (every mapped company passes a dozen values through here).
  return NEEDS_SPACING_FIX.test(wellFormed) ? wellFormed.replace(SPACE_OR_CONTROL, ' ').trim() : wellFormed;
}

/** Trims and repairs broken UTF-16 but keeps inner line breaks and spacing (free-text values). */
export function trimText(value: string | null | undefined): string {
  if (typeof value !== 'string') return '';
  return value.replace(LONE_SURROGATE, '\uFFFD').trim();
}

/** True when the value holds nothing but whitespace, control and invisible format characters. */
export function isBlank(value: string | null | undefined): boolean {
  return cleanText(value).replace(FORMAT_CHARS, '').trim() === '';
}

/** `cleanText`, or undefined when the value is blank. */
export function cleanOrUndefined(value: string | null | undefined): string | undefined {
  const cleaned = cleanText(value);
  return cleaned.replace(FORMAT_CHARS, '').trim() === '' ? undefined : cleaned;
}

/**
 * A lookup key that ignores case, accents, punctuation and spacing: "Côte d'Ivoire" → "cotedivoire",
 * "N.Y." → "ny". Letters of every script are kept, so "Германия" and "日本" still have keys.
 */
export function lookupKey(value: string): string {
  return cleanText(value)
    .normalize('NFKD')
    .replace(COMBINING_DIACRITICS, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Shortens a value for display in a message. */
export function shorten(value: string, max = MAX_SHOWN_LENGTH): string {
  const wellFormed = String(value).replace(LONE_SURROGATE, '\uFFFD');
  if (wellFormed.length <= max) return wellFormed;
  let cut = wellFormed.slice(0, max);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}… (${wellFormed.length} characters)`;
}

/** A value quoted for a one-line message: JSON string escaping keeps line breaks and quotes visible. */
export function quote(value: string): string {
  return JSON.stringify(shorten(value));
}

/** How a raw HubSpot value reads in a message: `is "Narnia"`, `is empty`, `is not set`. */
export function describeValue(value: string | null | undefined): string {
  if (typeof value !== 'string') return 'is not set';
  if (isBlank(value)) return value === '' ? 'is empty' : `is blank (${quote(value)})`;
  return `is ${quote(value)}`;
}

/** The value kept in a problem: the raw value, shortened so a huge property cannot bloat logs. */
export function problemValue(value: unknown): string | null {
  if (typeof value === 'string') return shorten(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return null;
}
