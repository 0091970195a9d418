/**
 * Every message the documentation quotes is one the code can print (issue 22, item 14): an operator
 * searching the docs for a line from the log, a command or an error must find the line the code writes.
 *
 * What counts as a quoted message: an inline code span (`…`) of three words or more in docs/*.md or
 * README.md, outside fenced blocks, that is not a command, code or JSON (see `notAMessage`). Its
 * variable parts are written as `…`, `<placeholder>`, a "double-quoted value" or a number, and are
 * not checked; every other word must stand, with a neighbouring word and what separates them, in a
 * string literal of src/ or config/ (template literals split at `${…}`, whitespace collapsed).
 *
 * A quote that is not ours to check (a library's or Node's own message, a sample value) goes in
 * NOT_OURS below, with why. Keep that list short: a new entry needs a reason a reviewer accepts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.join(__dirname, '..', '..', '..');

/** Quotes that are not messages of this code, or hold sample data the rules cannot tell from words, each with why. */
const NOT_OURS: Record<string, string> = {
  'Error: connect ECONNREFUSED …': "Node's own socket error",
  'address.country: HubSpot property "country" is "PA", which is Panama (PA), but the state is "Pennsylvania", the US state Pennsylvania (PA); did you mean US (state PA)?; set country to US; if the company really is in Panama, clear "state"':
    'sample: country and state names come from CLDR',
};

/** Commands, code, settings and JSON: quoted to be typed or read, not printed by us. */
function notAMessage(quote: string): boolean {
  return (
    /^(?:crm-sequence-sync|npx|npm|docker|kubectl|redis-cli|redis-server|hs|curl|grep|cd|cp|node|git|export|openssl)(?:\s|$)/.test(quote) ||
    /^[A-Z][A-Z0-9_]*=/.test(quote) ||
    /[{}]/.test(quote) ||
    /^(?:GET|POST|PUT|DELETE|PATCH) \//.test(quote)
  );
}

const collapse = (text: string) => text.replace(/\s+/g, ' ');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

/** Every string literal piece of the code (template literals split at `${…}`), whitespace collapsed. */
function sourcePieces(): string[] {
  const pieces: string[] = [];
  for (const file of [...tsFiles(path.join(ROOT, 'src')), ...tsFiles(path.join(ROOT, 'config'))]) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
    const visit = (node: ts.Node) => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) pieces.push(collapse(node.text));
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return pieces;
}

interface Quote {
  doc: string;
  text: string;
}

function quotedMessages(): Quote[] {
  const docs = [...readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`), 'README.md'];
  const quotes: Quote[] = [];
  for (const doc of docs) {
    const text = readFileSync(path.join(ROOT, doc), 'utf8').replace(/```[\s\S]*?```/g, '');
    // A code span may run over a line break, never over a blank line.
    for (const match of text.matchAll(/`((?:[^`\n]|\n(?!\s*\n))+)`/g)) {
      const quote = collapse(match[1]!).trim();
      if (quote.split(' ').length < 3 || notAMessage(quote)) continue;
      quotes.push({ doc, text: quote });
    }
  }
  return quotes;
}

/** Variable parts of a quote: `…`, "double-quoted values", <placeholders>, numbers. */
const VARIABLE = /…|"[^"]*"|<[^<>]*>|\b\d[\d.,:]*\b/g;
/** Words that need no checking: one letter, identifiers (ENV_NAMES, CODES, dotted.paths, snake_case, v1). */
const needsNoCheck = (word: string) => word.length < 2 || /^[A-Z0-9_]+$/.test(word) || /[._\d]/.test(word);

/** A matcher over the code's string pieces: joined so that no match spans two of them. */
export class CodeText {
  private readonly joined: string;
  private readonly pieces: string[];

  constructor(pieces: string[]) {
    this.joined = pieces.join('\u0000');
    this.pieces = [...new Set(pieces)].filter((p) => p.length >= 4).sort((a, b) => b.length - a.length);
  }

  /** The words of `quote` that no piece of the code accounts for (empty when the code prints it). */
  unmatchedWords(quote: string): string[] {
    const covered = new Array<boolean>(quote.length).fill(false);
    const cover = (from: number, to: number) => {
      for (let i = from; i < to; i += 1) covered[i] = true;
    };
    // Pieces of the code that stand whole in the quote.
    for (const piece of this.pieces) {
      for (let at = quote.indexOf(piece); at !== -1; at = quote.indexOf(piece, at + 1)) cover(at, at + piece.length);
    }
    // A quote may begin or end inside a piece: the longest start and end of each stretch between variables found in the code.
    let position = 0;
    for (const stretch of quote.split(VARIABLE)) {
      const at = quote.indexOf(stretch, position);
      position = at + stretch.length;
      const starts = [...stretch.matchAll(/(?:^|\s)(?=\S)/g)].map((m) => m.index + m[0].length);
      const start = starts.find((i) => stretch.slice(i).trim().length >= 3 && this.joined.includes(stretch.slice(i).trim()));
      if (start !== undefined) cover(at + start, at + stretch.length);
      const ends = [...stretch.matchAll(/\S(?=\s|$)/g)].map((m) => m.index + 1).reverse();
      const end = ends.find((j) => stretch.slice(0, j).trim().length >= 3 && this.joined.includes(stretch.slice(0, j).trim()));
      if (end !== undefined) cover(at, at + end);
    }
    for (const variable of quote.matchAll(VARIABLE)) cover(variable.index, variable.index + variable[0].length);
    let residue = '';
    for (let i = 0; i < quote.length; i += 1) residue += covered[i] ? ' ' : quote[i];
    return (residue.match(/[A-Za-z][\w'.-]*/g) ?? []).filter((word) => !needsNoCheck(word));
  }
}

describe('messages quoted in the docs', () => {
  const code = new CodeText(sourcePieces());
  const quotes = quotedMessages();

  it('finds the quotes (the extraction works)', () => {
    expect(quotes.length).toBeGreaterThan(60);
  });

  it('are printed by the code, word for word', () => {
    const drifted = quotes
      .filter((q) => NOT_OURS[q.text] === undefined)
      .map((q) => ({ ...q, unmatched: code.unmatchedWords(q.text) }))
      .filter((q) => q.unmatched.length > 0)
      .map((q) => `${q.doc}: \`${q.text}\` (not in the code: ${q.unmatched.join(' ')})`);
    expect(drifted).toEqual([]);
  });

  it('lists in NOT_OURS only quotes that are in the docs and that the rules would flag', () => {
    const texts = new Set(quotes.map((q) => q.text));
    expect(Object.keys(NOT_OURS).filter((q) => !texts.has(q) || code.unmatchedWords(q).length === 0)).toEqual([]);
  });

  it('catches a changed word, and ignores the variable parts and a quote that stops mid-message', () => {
    const sample = new CodeText(['run ', ' did not finish within the time limit; it goes on in the worker', 'HubSpot property "', '" is empty', 'must be a whole number from ', ' to ']);
    expect(sample.unmatchedWords('run … did not finish within the timeout; it goes on in the worker')).toEqual(['timeout']);
    expect(sample.unmatchedWords('run … did not finish within the time limit …')).toEqual([]);
    expect(sample.unmatchedWords('HubSpot property "zip" is empty')).toEqual([]);
    expect(sample.unmatchedWords('SYNC_BATCH_SIZE: Too big: expected number to be <=1000')).toEqual(['Too', 'big', 'expected', 'number', 'be']);
    expect(sample.unmatchedWords('SYNC_BATCH_SIZE: must be a whole number from 1 to 1000')).toEqual([]);
  });
});
