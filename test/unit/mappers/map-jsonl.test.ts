import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateOrUpdateCustomerRequest } from '../../../src/sequence/schemas';
import { bundle, runMapCommand } from './fixtures';
import { DEFAULT_MAX_LINE_BYTES } from '../../../src/cli/commands/map-jsonl';

async function run(args: { file?: string; maxLineBytes?: number }, stdinText: string | Buffer = '') {
  const { code, stdout, stderr } = await runMapCommand({ ...args, jsonl: true }, stdinText);
  const results = stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { code, results, stderr };
}

const line = (value: unknown) => JSON.stringify(value);

describe('crm-sequence-sync map --jsonl', () => {
  test('one result per company, in order, with id, ok, request or problems, and warnings', async () => {
    const input = [
      line(bundle({}, undefined, '1')),
      line(bundle({ country: 'Narnia' }, undefined, '2')),
      line(bundle({ country: 'PA', state: 'Pennsylvania' }, undefined, '3')),
    ].join('\n');
    const { code, results, stderr } = await run({}, `${input}\n`);
    expect(code).toBe(1);
    expect(results.map((r) => [r.id, r.ok])).toEqual([
      ['1', true],
      ['2', false],
      ['3', false],
    ]);
    expect(Object.keys(results[0]!).sort()).toEqual(['id', 'ok', 'request', 'warnings']);
    expect(CreateOrUpdateCustomerRequest.safeParse(results[0]!.request).success).toBe(true);
    expect(Object.keys(results[1]!).sort()).toEqual(['id', 'ok', 'problems', 'warnings']);
    expect(results[2]!.problems).toEqual([expect.objectContaining({ field: 'address.country', message: expect.stringContaining('did you mean US (state PA)?') })]);
    expect(stderr).toContain('map: 3 companies: 1 billable, 2 not billable');
    expect(stderr).toContain('most common problems (companies):\n  1  address.country: set an ISO code or a country name\n');
  });

  test('a malformed line gives ok:false naming the line number, and the rest goes on', async () => {
    const input = [line(bundle({}, undefined, '1')), '{"company": ', '', line({ company: { id: '9', properties: { name: 42 } }, contacts: [] }), line(bundle({}, undefined, '4'))].join('\r\n');
    const { code, results, stderr } = await run({}, input);
    expect(code).toBe(1);
    expect(results).toHaveLength(4);
    expect(results[1]).toMatchObject({ id: null, ok: false, problems: [{ field: '(input)', message: expect.stringMatching(/^line 2 is not valid JSON: /) }] });
    expect(results[2]).toMatchObject({ id: '9', ok: false, problems: [{ field: '(input)', message: expect.stringMatching(/^line 4 is not a HubSpot company with contacts \(company\.properties\.name: /) }] });
    expect(results[3]).toMatchObject({ id: '4', ok: true });
    expect(stderr).toContain('map: 4 companies: 2 billable, 2 not billable (2 unreadable lines)');
    expect(stderr).toContain('2  (input): unreadable line');
  });

  test('all billable: exit 0; an empty input is zero companies', async () => {
    const ok = await run({}, `${line(bundle())}\n`);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toBe('map: 1 company: 1 billable, 0 not billable\n');
    const empty = await run({}, '');
    expect(empty.code).toBe(0);
    expect(empty.results).toEqual([]);
  });

  test('reads a file, streaming; a missing file exits 2', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'map-jsonl-'));
    try {
      const file = path.join(dir, 'export.jsonl');
      const lines = Array.from({ length: 500 }, (_, i) => line(bundle({ country: i % 5 === 0 ? 'Korea' : 'Deutschland' }, undefined, String(i + 1))));
      writeFileSync(file, `\uFEFF${lines.join('\n')}\n`);
      const { code, results, stderr } = await run({ file });
      expect(code).toBe(1);
      expect(results).toHaveLength(500);
      expect(results.filter((r) => r.ok)).toHaveLength(400);
      expect(stderr).toContain('map: 500 companies: 400 billable, 100 not billable');
      expect(stderr).toContain('100  address.country: set the ISO code: KP or KR');
      const missing = await run({ file: path.join(dir, 'nope.jsonl') });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/^map: cannot read .*nope\.jsonl: /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a line longer than the limit is reported by number, unread, and the stream goes on (issue 22, item 8)', async () => {
    const long = 'x'.repeat(5_000);
    const input = [line(bundle({}, undefined, '1')), `{"company": {"id": "2", "name": "${long}"`, line(bundle({}, undefined, '3')), `[${long}`].join('\n');
    const { code, results, stderr } = await run({ maxLineBytes: 2_048 }, input);
    expect(code).toBe(1);
    expect(results.map((r) => [r.id, r.ok])).toEqual([
      ['1', true],
      [null, false],
      ['3', true],
      [null, false],
    ]);
    expect(results[1]).toMatchObject({ problems: [{ field: '(input)', message: 'line 2 is longer than 2048 bytes; not read', fix: expect.stringContaining('--max-line-bytes') }] });
    expect(results[3]).toMatchObject({ problems: [{ field: '(input)', message: 'line 4 is longer than 2048 bytes; not read' }] });
    expect(stderr).toContain('map: 4 companies: 2 billable, 2 not billable (2 unreadable lines)');
  });

  test('a line with no end at all: one result naming it, and the summary, without holding the line', async () => {
    const endless = Buffer.alloc(12 * 1024 * 1024, 0x61);
    const { code, results, stderr } = await run({}, Buffer.concat([Buffer.from(`${line(bundle())}\n`), endless]));
    expect(code).toBe(1);
    expect(results).toHaveLength(2);
    expect(results[1]).toMatchObject({ ok: false, problems: [{ message: `line 2 is longer than ${DEFAULT_MAX_LINE_BYTES} bytes; not read` }] });
    expect(stderr).toContain('map: 2 companies: 1 billable, 1 not billable (1 unreadable line)');
  });
});
