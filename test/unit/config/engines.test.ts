/**
 * package.json promises what the installed dependencies need (issue 22, item 13): `engines.node`
 * allows no Node version that an installed package refuses, and every package in the lockfile with an
 * install script is decided (true or false) in `allowScripts`, so npm 11 prints no warning and npm 12,
 * which blocks undecided scripts, installs the same way.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';

const ROOT = path.join(__dirname, '..', '..', '..');
const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

interface PackageJson {
  name?: string;
  engines?: { node?: string };
  allowScripts?: Record<string, boolean>;
}
interface LockEntry {
  name?: string;
  version?: string;
  hasInstallScript?: boolean;
  optional?: boolean;
}

const own = readJson<PackageJson>(path.join(ROOT, 'package.json'));
const lock = readJson<{ packages: Record<string, LockEntry> }>(path.join(ROOT, 'package-lock.json'));

/** `node_modules/a/node_modules/@b/c` → `@b/c`. */
const nameOf = (lockPath: string, entry: LockEntry) => entry.name ?? lockPath.slice(lockPath.lastIndexOf('node_modules/') + 'node_modules/'.length);

/** The installed packages (platform-specific optional ones not installed here are skipped), with the Node range each declares. */
function installedEngines(): { name: string; version: string; node: string }[] {
  const out: { name: string; version: string; node: string }[] = [];
  for (const lockPath of Object.keys(lock.packages)) {
    if (!lockPath.startsWith('node_modules/')) continue;
    const manifest = path.join(ROOT, lockPath, 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = readJson<PackageJson & { version?: string }>(manifest);
    if (pkg.engines?.node) out.push({ name: pkg.name ?? lockPath, version: pkg.version ?? '?', node: pkg.engines.node });
  }
  return out;
}

/** The installed packages whose Node range does not hold all of `ours`. */
function promisedTooMuch(ours: string, packages: { name: string; version: string; node: string }[]): string[] {
  return packages.filter((p) => !semver.subset(ours, p.node, { includePrerelease: false })).map((p) => `${p.name}@${p.version} needs node ${p.node}`);
}

describe('engines.node', () => {
  const ours = own.engines?.node ?? '';

  it('is a valid range', () => {
    expect(semver.validRange(ours)).not.toBeNull();
  });

  it('promises no Node version an installed package refuses', () => {
    const packages = installedEngines();
    expect(packages.length).toBeGreaterThan(50);
    expect(promisedTooMuch(ours, packages)).toEqual([]);
  });

  it('would catch a range that promises too much (the Node 20 range before issue 22, item 13)', () => {
    expect(promisedTooMuch('^20.19.0 || >=22', installedEngines())).toEqual(expect.arrayContaining([expect.stringMatching(/^@hubspot\/api-client@14\..* needs node/)]));
  });
});

describe('the README', () => {
  it('states the Node versions engines allows, as engines writes them', () => {
    expect(readFileSync(path.join(ROOT, 'README.md'), 'utf8')).toContain(`\`${own.engines?.node}\``);
  });
});

describe('allowScripts', () => {
  it('decides every package with an install script in the lockfile', () => {
    const decided = new Set(Object.keys(own.allowScripts ?? {}).map((key) => key.replace(/(.)@.*$/, '$1')));
    const withScripts = [...new Set(Object.entries(lock.packages).filter(([, entry]) => entry.hasInstallScript).map(([lockPath, entry]) => nameOf(lockPath, entry)))];
    expect(withScripts.length).toBeGreaterThan(0);
    expect(withScripts.filter((name) => !decided.has(name)).sort()).toEqual([]);
    for (const value of Object.values(own.allowScripts ?? {})) expect(typeof value).toBe('boolean');
  });
});

describe('bullmq', () => {
  // Issue 20: BullMQ's Redis Cluster reconnect fixes landed up to 5.77.5; an older one may stall a
  // worker after a failover. The range in package.json and what the lockfile installs both hold it.
  const FLOOR = '5.77.5';
  const declared = (readJson<{ dependencies: Record<string, string> }>(path.join(ROOT, 'package.json'))).dependencies.bullmq!;

  it(`package.json asks for ${FLOOR} or newer, and the lockfile installs such a version`, () => {
    expect(semver.gte(semver.minVersion(declared)!, FLOOR)).toBe(true);
    expect(semver.gte(lock.packages['node_modules/bullmq']!.version!, FLOOR)).toBe(true);
  });

  it('a range that allowed an older one would be caught', () => {
    expect(semver.gte(semver.minVersion('^5.70.0')!, FLOOR)).toBe(false);
  });
});
