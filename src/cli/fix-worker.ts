/** A worker thread of `leakproof fix`: loads the codemod once, then runs it on each file the main thread sends. */
import { parentPort, workerData } from 'node:worker_threads';
import { loadCodemod, type CodemodName } from '../codemods/registry.js';
import type { CodemodOptions } from '../codemods/types.js';
import { processFile, type WorkerReply, type WorkerRequest } from './fix-pool.js';

const { codemod: name, options } = workerData as { codemod: CodemodName; options: CodemodOptions };
const port = parentPort;
if (port) {
  const codemod = await loadCodemod(name);
  port.on('message', (request: WorkerRequest) => {
    void processFile(codemod, request.file, options).then((result) =>
      port.postMessage({ index: request.index, result } satisfies WorkerReply),
    );
  });
  port.postMessage({ ready: true } satisfies WorkerReply);
}
