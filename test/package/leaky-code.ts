// The user code the end-to-end tests lint: leaks of each recommended rule, in ES modules, CommonJS and TypeScript,
// with the findings leakproof's `recommended` config reports on them (rule, line, column).

export const ESM_CONFIG = `import leakproof from 'eslint-plugin-leakproof';

export default [leakproof.configs.recommended];
`;

export const CJS_CONFIG = `const leakproof = require('eslint-plugin-leakproof');

module.exports = [leakproof.configs.recommended];
`;

/** A server that leaks per request: a collection that only grows, an interval and a listener nobody removes. */
export const ESM_SERVER = `import http from 'node:http';

const requestLogs = [];

export const server = http.createServer((req, res) => {
  requestLogs.push({ url: req.url, at: Date.now() });
  setInterval(() => {
    if (req.destroyed) return;
  }, 60000);
  process.on('warning', (warning) => console.warn(req.url, warning.message));
  res.end('ok');
});
`;

export const CJS_SERVER = `const http = require('node:http');

const requestLogs = [];

module.exports = http.createServer((req, res) => {
  requestLogs.push({ url: req.url, at: Date.now() });
  setInterval(() => {
    if (req.destroyed) return;
  }, 60000);
  process.on('warning', (warning) => console.warn(req.url, warning.message));
  res.end('ok');
});
`;

/** The findings in ESM_SERVER and CJS_SERVER (the same lines). */
export const SERVER_FINDINGS = [
  { ruleId: 'leakproof/no-unbounded-collection', line: 6, column: 3 },
  { ruleId: 'leakproof/no-leaked-timer', line: 7, column: 3 },
  { ruleId: 'leakproof/no-leaked-listener', line: 10, column: 3 },
];

/** The seed's accidental global, in sloppy CommonJS. */
export const SESSION_CJS = `function setName(user) {
  name = user.name;
  return name;
}

module.exports = { setName };
`;

export const SESSION_FINDINGS = [{ ruleId: 'leakproof/no-implicit-global', line: 2, column: 3 }];

/** The same server, fixed: nothing to report. */
export const CLEAN_ESM = `import http from 'node:http';

export const server = http.createServer((req, res) => {
  const timer = setTimeout(() => res.end('late'), 1000);
  res.on('close', () => clearTimeout(timer));
});
`;

/** A worker that starts an interval per job and never clears it: a new leak in an existing codebase. */
export const NEW_LEAK_ESM = `export function startJob(job) {
  setInterval(() => job.poll(), 1000);
}
`;

export const NEW_LEAK_FINDINGS = [{ ruleId: 'leakproof/no-leaked-timer', line: 2, column: 3 }];

/** TypeScript with types the default parser cannot read. */
export const TS_CACHE = `import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';

interface Visit {
  url: string;
  at: number;
}

const visits: Visit[] = [];

export const server = createServer((req: IncomingMessage, res: ServerResponse): void => {
  const visit: Visit = { url: req.url ?? '/', at: Date.now() };
  visits.push(visit);
  res.end(String(visits.length));
});
`;

export const TS_CACHE_FINDINGS = [{ ruleId: 'leakproof/no-unbounded-collection', line: 13, column: 3 }];

/** A React component in TSX whose effect starts an interval and returns no cleanup. */
export const TSX_TICKER = `import { useEffect, useState } from 'react';

export function Ticker({ step }: { step: number }): JSX.Element {
  const [count, setCount] = useState<number>(0);
  useEffect(() => {
    setInterval(() => setCount((c) => c + step), 1000);
  }, [step]);
  return <span>{count}</span>;
}
`;

export const TSX_TICKER_FINDINGS = [{ ruleId: 'leakproof/no-leaked-timer', line: 6, column: 5 }];

/** For `leakproof prove`: every call adds an entry that nothing removes, and its fix. */
export const PROVE_LEAKY = `const visits = [];

export default function recordVisit() {
  visits.push({ path: '/', at: new Date() });
  return visits.length;
}
`;

export const PROVE_FIXED = `let visits = 0;

export default function recordVisit() {
  visits += 1;
  return visits;
}
`;

/** For the codemods: a sloppy CommonJS file (strict-mode adds the directive) and a discarded interval in a class. */
export const SLOPPY_CJS = `const path = require('node:path');

module.exports = function resolve(file) {
  return path.resolve(file);
};
`;

export const POLLER_CJS = `'use strict';

class Poller {
  start(task) {
    setInterval(task, 1000);
  }

  stop() {
    console.log('stopped');
  }
}

module.exports = Poller;
`;
