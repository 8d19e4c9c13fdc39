// Packs the repository once per `npm run test:package` run, into a fresh temporary directory that every project of
// the run lives in. The directory is removed at the end unless LEAKPROOF_KEEP_TEMP=1 (its path is printed).
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { kilobytes, npmPack } from './npm.js';

export default function setup(project: TestProject): () => void {
  const workRoot = mkdtempSync(path.join(realpathSync(os.tmpdir()), 'leakproof-package-'));
  const packed = npmPack(workRoot);
  const tarball = path.join(workRoot, packed.filename);
  console.log(
    `packed ${packed.filename}: ${kilobytes(packed.size)}, ${kilobytes(packed.unpackedSize)} unpacked, ${packed.entryCount} files, in ${workRoot}`,
  );
  project.provide('tarball', tarball);
  project.provide('workRoot', workRoot);
  return () => {
    if (process.env.LEAKPROOF_KEEP_TEMP === '1') console.log(`kept ${workRoot}`);
    else rmSync(workRoot, { recursive: true, force: true });
  };
}
