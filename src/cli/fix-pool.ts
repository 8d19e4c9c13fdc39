/**
 * Runs a codemod over many files: in worker threads, one per core, or in this thread for a handful of files (a
 * worker costs a parse of ESLint and the parsers before its first file). A worker reads each file, runs the codemod
 * and hands back the outcome; only the main thread writes. A file the codemod throws on is a failure of that file,
 * never of the run; a worker that dies fails the file it was on and is replaced.
 */
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { loadCodemod, type CodemodName } from '../codemods/registry.js';
import type { Codemod, CodemodOptions, CodemodOutcome } from '../codemods/types.js';

export interface FileResult {
  file: string;
  /** The text read (the outcome's output is compared with it before writing). */
  source: string;
  outcome: CodemodOutcome | null;
  /** Why the file failed: the codemod threw, the file could not be read. */
  error: string | null;
}

export interface PoolOptions {
  codemod: CodemodName;
  options: CodemodOptions;
  /** Threads to use; the available cores by default. */
  cpus?: number;
  /** After each file, with that file's result. */
  onProgress?: (done: number, total: number, result: FileResult) => void;
}

/** Files per worker below which starting a worker costs more than it saves. */
const FILES_PER_WORKER = 8;

export const defaultCpus = (): number => availableParallelism();

export async function runPool(
  files: readonly string[],
  { codemod, options, cpus = defaultCpus(), onProgress }: PoolOptions,
): Promise<FileResult[]> {
  const workers = Math.min(cpus, Math.ceil(files.length / FILES_PER_WORKER));
  if (workers <= 1) {
    const loaded = await loadCodemod(codemod);
    const results: FileResult[] = [];
    for (const file of files) {
      const result = await processFile(loaded, file, options);
      results.push(result);
      onProgress?.(results.length, files.length, result);
    }
    return results;
  }
  return runInWorkers(files, codemod, options, workers, onProgress);
}

/** Reads one file and runs the codemod on it; never throws. */
export async function processFile(codemod: Codemod, file: string, options: CodemodOptions): Promise<FileResult> {
  let source: string;
  try {
    const bytes = await readFile(file);
    source = bytes.toString('utf8');
    if (!Buffer.from(source, 'utf8').equals(bytes)) {
      // Decoding replaced invalid bytes: writing the text back would change them.
      const outcome: CodemodOutcome = {
        status: 'skipped',
        output: source,
        skipped: [{ category: 'not UTF-8', message: 'the file is not valid UTF-8' }],
        review: [],
      };
      return { file, source, outcome, error: null };
    }
  } catch (error) {
    return { file, source: '', outcome: null, error: `cannot read the file: ${(error as Error).message}` };
  }
  try {
    return { file, source, outcome: codemod.run(source, file, options), error: null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { file, source, outcome: null, error: message.split('\n', 1)[0] ?? message };
  }
}

export interface WorkerRequest {
  index: number;
  file: string;
}

export type WorkerReply = { index: number; result: FileResult } | { ready: true };

function runInWorkers(
  files: readonly string[],
  codemod: CodemodName,
  options: CodemodOptions,
  count: number,
  onProgress: PoolOptions['onProgress'],
): Promise<FileResult[]> {
  const results: (FileResult | undefined)[] = new Array<FileResult | undefined>(files.length);
  let next = 0;
  let done = 0;
  return new Promise((resolve) => {
    const finish = (index: number, result: FileResult): void => {
      if (results[index]) return;
      results[index] = result;
      done++;
      onProgress?.(done, files.length, result);
      if (done === files.length) resolve(results as FileResult[]);
    };
    const start = (): void => {
      const worker = new Worker(new URL('./fix-worker.js', import.meta.url), { workerData: { codemod, options } });
      let current: WorkerRequest | null = null;
      let ready = false;
      /** A worker that dies before it is ready (it cannot load the codemod) would die again: fail what is left. */
      const failRest = (reason: string): void => {
        while (next < files.length) {
          const index = next++;
          finish(index, { file: files[index] ?? '', source: '', outcome: null, error: reason });
        }
      };
      const feed = (): void => {
        if (next >= files.length) {
          current = null;
          void worker.terminate();
          return;
        }
        const index = next++;
        current = { index, file: files[index] ?? '' };
        worker.postMessage(current);
      };
      const died = (reason: string): void => {
        const failed = current;
        current = null;
        if (failed) finish(failed.index, { file: failed.file, source: '', outcome: null, error: reason });
        if (!ready) failRest(reason);
        else if (next < files.length) start();
      };
      worker.on('message', (reply: WorkerReply) => {
        ready = true;
        if ('index' in reply) finish(reply.index, reply.result);
        feed();
      });
      worker.on('error', (error) => died(`the worker died: ${error.message}`));
      worker.on('exit', (code) => {
        if (current || !ready) died(`the worker exited with code ${code}`);
      });
    };
    for (let index = 0; index < count; index++) start();
  });
}
