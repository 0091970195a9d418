/**
 * How `hubspot-project` writes its folder and reads its URL (issue 22, item 11): through a temporary
 * file and a rename, never through a symlink, telling what an earlier generation left over, and with
 * the URL validated, normalised and never echoed with its credentials.
 */
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { configFromEnv, parseEnv } from '../../../config';
import { runHubSpotProject } from '../../../src/cli/commands/hubspot-project';
import { UsageError } from '../../../src/cli/runtime';
import { parseWebhookUrl } from '../../../src/project/webhook-url';

const URL_OK = 'https://hooks.acme.test/webhooks/hubspot';
const configWith = (env: Record<string, string> = {}) => configFromEnv(parseEnv(env));

const sink = () => {
  const chunks: string[] = [];
  return { stream: { write: (t: string) => chunks.push(t) } as unknown as NodeJS.WritableStream, text: () => chunks.join('') };
};

describe('hubspot-project writes its folder safely', () => {
  let base: string;
  beforeEach(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'hs-folder-'));
  });
  afterEach(async () => {
    await rm(base, { recursive: true, force: true });
  });

  const victim = async () => {
    const file = path.join(base, 'victim.txt');
    await writeFile(file, 'precious\n');
    return file;
  };

  it('refuses an --out folder that is a symlink, and writes nothing through it', async () => {
    const real = path.join(base, 'real');
    await mkdir(real);
    const link = path.join(base, 'out');
    await symlink(real, link);
    await expect(runHubSpotProject({ webhookUrl: URL_OK, out: link }, configWith(), sink().stream)).rejects.toThrow(/is a symbolic link/);
    expect(await readdir(real)).toEqual([]);
  });

  it('refuses a file or a folder inside it that is a symlink, and leaves its target as it was', async () => {
    const out = path.join(base, 'out');
    await mkdir(out);
    const target = await victim();
    await symlink(target, path.join(out, 'hsproject.json'));
    await expect(runHubSpotProject({ webhookUrl: URL_OK, out }, configWith(), sink().stream)).rejects.toThrow(UsageError);
    expect(await readFile(target, 'utf8')).toBe('precious\n');

    await rm(path.join(out, 'hsproject.json'));
    const elsewhere = path.join(base, 'elsewhere');
    await mkdir(elsewhere);
    await symlink(elsewhere, path.join(out, 'src'));
    await expect(runHubSpotProject({ webhookUrl: URL_OK, out }, configWith(), sink().stream)).rejects.toThrow(/src.* is a symbolic link/);
    expect(await readdir(elsewhere)).toEqual([]);
  });

  it('replaces each file through a temporary file and a rename, leaving no temporary file behind', async () => {
    const out = path.join(base, 'out');
    await runHubSpotProject({ webhookUrl: URL_OK, out }, configWith(), sink().stream);
    const before = await stat(path.join(out, 'hsproject.json'));
    await runHubSpotProject({ webhookUrl: URL_OK, out }, configWith(), sink().stream);
    const after = await stat(path.join(out, 'hsproject.json'));
    // A new file took the old one's place (a write in place keeps the inode).
    expect(after.ino).not.toBe(before.ino);
    const all = [...(await readdir(out, { recursive: true }))].map(String);
    expect(all.filter((name) => name.includes('.tmp'))).toEqual([]);
  });

  it('reports files left over from an earlier generation (HubSpot would upload them too) and keeps them', async () => {
    const out = path.join(base, 'out');
    await mkdir(path.join(out, 'src', 'app', 'old'), { recursive: true });
    await writeFile(path.join(out, 'src', 'app', 'old', 'cards-hsmeta.json'), '{}\n');
    await writeFile(path.join(out, 'notes.txt'), 'mine\n');
    const output = sink();
    await runHubSpotProject({ webhookUrl: URL_OK, out }, configWith(), output.stream);
    expect(output.text()).toContain('left over from an earlier generation');
    expect(output.text()).toContain(path.join('src', 'app', 'old', 'cards-hsmeta.json'));
    expect(output.text()).toContain('notes.txt');
    expect((await lstat(path.join(out, 'notes.txt'))).isFile()).toBe(true);
    const clean = sink();
    await runHubSpotProject({ webhookUrl: URL_OK, out: path.join(base, 'fresh') }, configWith(), clean.stream);
    expect(clean.text()).not.toContain('left over');
  });
});

describe('the webhook URL', () => {
  it.each([
    ['http://user:s3cret-pw@hooks.acme.test/webhooks/hubspot'],
    ['https://user:s3cret-pw@hooks.acme.test/webhooks/hubspot'],
    ['ftp://user:s3cret-pw@hooks.acme.test/x'],
    ['https://user:s3cret-pw@hooks.acme.test/webhooks/hubspot#frag'],
  ])('is refused without echoing its password: %s', async (url) => {
    const result = parseWebhookUrl(url);
    expect('problem' in result).toBe(true);
    if ('problem' in result) expect(result.problem).not.toContain('s3cret-pw');
    await expect(runHubSpotProject({ webhookUrl: url, out: path.join(tmpdir(), 'never-written') }, configWith(), sink().stream)).rejects.toThrow(expect.objectContaining({ message: expect.not.stringContaining('s3cret-pw') }));
  });

  it.each([
    [' https://hooks.acme.test/webhooks/hubspot', 'space'],
    ['https://hooks.acme.test/webhooks/hubspot\n', 'newline'],
    ['https://hooks.acme.test/web hooks/hubspot', 'space'],
    ['https://hooks.acme\t.test/webhooks/hubspot', 'tab'],
    ['https:hooks.acme.test/webhooks/hubspot', 'https://'],
    ['https:/hooks.acme.test/webhooks/hubspot', 'https://'],
  ])('is refused when not written as one: %j', (url, named) => {
    const result = parseWebhookUrl(url);
    expect(result).toEqual({ problem: expect.stringContaining(named) });
  });

  it('is written in its normalised form', async () => {
    expect(parseWebhookUrl('HTTPS://Hooks.Acme.TEST:443/webhooks/hubspot')).toEqual({ url: 'https://hooks.acme.test/webhooks/hubspot' });
    expect(parseWebhookUrl('https://hooks.acme.test/webhooks/./x/../hubspot?a=1')).toEqual({ url: 'https://hooks.acme.test/webhooks/hubspot?a=1' });
    const out = await mkdtemp(path.join(tmpdir(), 'hs-url-'));
    try {
      await runHubSpotProject({ webhookUrl: 'HTTPS://Hooks.Acme.TEST:443/webhooks/hubspot', out }, configWith(), sink().stream);
      const webhooks = JSON.parse(await readFile(path.join(out, 'src/app/webhooks/webhooks-hsmeta.json'), 'utf8'));
      expect(webhooks.config.settings.targetUrl).toBe('https://hooks.acme.test/webhooks/hubspot');
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
