#!/usr/bin/env node
/**
 * The npm registry reachable from our CI machines serves only linux-x64 builds of native packages
 * (others answer 404), so npm leaves the other platforms' optional packages out of package-lock.json,
 * and `npm ci` then refuses the lockfile as out of sync. This adds the entries npm would have written:
 * each one optional and limited by os/cpu/libc (read from its name), so no install ever fetches it.
 * Run after changing dependencies: `npm install && node scripts/complete-lockfile.js`.
 */
const fs = require('node:fs');
const path = require('node:path');

const OS = ['darwin', 'linux', 'win32', 'android', 'freebsd', 'openbsd', 'netbsd', 'sunos', 'aix', 'openharmony'];
const CPU = ['x64', 'arm64', 'arm', 'ia32', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64el', 'wasm32', 'armv7'];

const file = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const packages = lock.packages;
let added = 0;

for (const [location, meta] of Object.entries(packages)) {
  for (const [name, range] of Object.entries(meta.optionalDependencies ?? {})) {
    const nested = `${location ? `${location}/` : ''}node_modules/${name}`;
    if (packages[nested] || packages[`node_modules/${name}`]) continue;
    const tokens = name.split('/').pop().split('-');
    const os = OS.filter((o) => tokens.includes(o));
    const cpu = CPU.filter((c) => tokens.includes(c)).map((c) => (c === 'armv7' ? 'arm' : c));
    if (!os.length && !cpu.length) continue; // not a platform build: leave it to npm
    const entry = { version: String(range).replace(/^[^\d]*/, ''), optional: true };
    if (os.length) entry.os = os;
    if (cpu.length) entry.cpu = cpu;
    if (tokens.includes('musl')) entry.libc = ['musl'];
    else if (tokens.includes('gnu') || tokens.includes('gnueabihf')) entry.libc = ['glibc'];
    packages[`node_modules/${name}`] = entry;
    added += 1;
  }
}

lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)));
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`added ${added} platform-specific optional packages to package-lock.json\n`);
