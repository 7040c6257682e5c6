import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { BlobStore } from '../core/ports.ts';

/**
 * Content-addressed files under a folder: blobs/ab/cd/<sha256>. A write goes to a temp
 * file, is fsync'ed, then renamed into place, so a crash never leaves half a blob under a
 * real name. Equal content is stored once.
 */
export function createFileBlobStore(root: string): BlobStore {
  const pathOf = (sha256: string) => path.join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  return {
    async put(content) {
      const sha256 = createHash('sha256').update(content).digest('hex');
      const target = pathOf(sha256);
      try {
        await fs.access(target);
        return { sha256, size: content.length };
      } catch {
        // not stored yet
      }
      await fs.mkdir(path.dirname(target), { recursive: true });
      const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      const handle = await fs.open(temp, 'w');
      try {
        await handle.writeFile(content);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temp, target);
      await syncDirectory(path.dirname(target));
      return { sha256, size: content.length };
    },
    async get(sha256) {
      if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`Not a sha256: ${sha256}`);
      return fs.readFile(pathOf(sha256));
    },
  };
}

/** Makes a rename durable: the directory entry itself must reach the disk. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
