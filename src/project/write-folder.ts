/**
 * Writes a generated folder (the HubSpot project) safely:
 * - never through a symbolic link: the folder itself, a folder on the way to a file, or a file that
 *   is a symlink is refused before anything is written (a link could point anywhere, and following
 *   it would overwrite its target);
 * - each file through a temporary file in its own folder (created exclusively, so nothing already
 *   there is opened) and a rename over the old one: a reader, or an interrupted run, sees the old
 *   file or the new one, never half of one;
 * - files in the folder that this generation did not write are reported, not deleted: HubSpot's
 *   `hs project upload` uploads whatever the folder holds, so the user decides.
 */
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface FolderFile {
  /** Relative to the folder, with forward slashes. */
  path: string;
  content: string;
}

export interface WrittenFolder {
  /** Absolute paths, in the order written. */
  written: string[];
  /** Files already in the folder that this generation does not include, relative to it. */
  leftOver: string[];
}

/** Why the folder cannot be written (a symlink on the way); the caller reports it as a usage error. */
export class UnsafeFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeFolderError';
  }
}

/** The entry's type, or undefined when it does not exist (a symlink is reported as one, never followed). */
async function entryType(target: string): Promise<'link' | 'dir' | 'file' | 'other' | undefined> {
  try {
    const info = await lstat(target);
    return info.isSymbolicLink() ? 'link' : info.isDirectory() ? 'dir' : info.isFile() ? 'file' : 'other';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function refuseLinks(dir: string, files: readonly FolderFile[]): Promise<void> {
  const checked = new Set<string>();
  const check = async (target: string, expect: 'dir' | 'file') => {
    if (checked.has(target)) return;
    checked.add(target);
    const type = await entryType(target);
    if (type === 'link') throw new UnsafeFolderError(`${target} is a symbolic link; refusing to write through it (remove it, or choose another --out)`);
    if (type !== undefined && type !== expect) throw new UnsafeFolderError(`${target} is in the way: a ${expect === 'dir' ? 'folder' : 'file'} belongs there`);
  };
  await check(dir, 'dir');
  for (const file of files) {
    const parts = file.path.split('/');
    for (let i = 1; i < parts.length; i += 1) await check(path.join(dir, ...parts.slice(0, i)), 'dir');
    await check(path.join(dir, ...parts), 'file');
  }
}

/** Every file under `dir`, relative to it, without following symlinks (a link is listed as a file). */
async function listFiles(dir: string, relative = ''): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(path.join(dir, relative), { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const out: string[] = [];
  for (const entry of entries) {
    const name = path.join(relative, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(dir, name)));
    else out.push(name);
  }
  return out.sort();
}

export async function writeFolder(dir: string, files: readonly FolderFile[]): Promise<WrittenFolder> {
  await refuseLinks(dir, files);
  const expected = new Set(files.map((file) => path.join(...file.path.split('/'))));
  const leftOver = (await listFiles(dir)).filter((name) => !expected.has(name));
  const written: string[] = [];
  for (const file of files) {
    const target = path.join(dir, ...file.path.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await writeFile(temporary, file.content, { encoding: 'utf8', flag: 'wx', mode: 0o644 });
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    written.push(target);
  }
  return { written, leftOver };
}
