// What an editor shows for leakproof's findings, computed the way the VS Code ESLint extension (and other ESLint
// language servers) compute it: ESLint's `lintText` on the buffer with the file's path, a squiggle over each
// message's range, and a quick fix per suggestion whose edit is the suggestion's `fix.range` turned into
// line/character positions (characters are UTF-16 code units, as in the Language Server Protocol), plus "Disable for
// this line" and "Show documentation" (the rule's `meta.docs.url`).
import { existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { outdent } from 'outdent';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/** A user's flat config: TypeScript files through typescript-eslint's parser, every leakproof rule. */
const USER_CONFIG: Linter.Config[] = [
  { files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tsParser as Linter.Parser } },
  { files: ['**/*.jsx'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
  plugin.configs.all,
];

const eslint = new ESLint({ cwd: REPO_ROOT, overrideConfigFile: true, overrideConfig: USER_CONFIG });

interface Position {
  line: number; // 0-based
  character: number; // 0-based, UTF-16 code units
}

interface QuickFix {
  title: string;
  range: { start: Position; end: Position };
  newText: string;
}

interface Diagnostic {
  ruleId: string | null;
  messageId: string | undefined;
  /** The squiggle, 0-based as in the editor. */
  range: { start: Position; end: Position };
  quickFixes: QuickFix[];
}

/** Line starts as the LSP's TextDocument computes them: `\r\n`, `\r` and `\n` all end a line. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '\r' && text[index + 1] === '\n') index++;
    if (char === '\r' || char === '\n') starts.push(index + 1);
  }
  return starts;
}

function positionAt(text: string, offset: number): Position {
  const starts = lineStarts(text);
  let line = 0;
  while (line + 1 < starts.length && (starts[line + 1] ?? Infinity) <= offset) line++;
  return { line, character: offset - (starts[line] ?? 0) };
}

function offsetAt(text: string, { line, character }: Position): number {
  return (lineStarts(text)[line] ?? text.length) + character;
}

/** Applies a quick fix the way an editor applies a TextEdit: by positions, not by ESLint's offsets. */
function applyQuickFix(text: string, fix: QuickFix): string {
  return text.slice(0, offsetAt(text, fix.range.start)) + fix.newText + text.slice(offsetAt(text, fix.range.end));
}

async function lint(
  text: string,
  filePath: string,
): Promise<{ diagnostics: Diagnostic[]; results: ESLint.LintResult[] }> {
  const results = await eslint.lintText(text, { filePath: path.join(REPO_ROOT, 'editor-buffer', filePath) });
  const messages = results[0]?.messages ?? [];
  const diagnostics = messages.map((message) => ({
    ruleId: message.ruleId,
    messageId: message.messageId,
    range: {
      start: { line: message.line - 1, character: message.column - 1 },
      end: { line: (message.endLine ?? message.line) - 1, character: (message.endColumn ?? message.column) - 1 },
    },
    quickFixes: (message.suggestions ?? []).map((suggestion) => ({
      title: suggestion.desc,
      range: { start: positionAt(text, suggestion.fix.range[0]), end: positionAt(text, suggestion.fix.range[1]) },
      newText: suggestion.fix.text,
    })),
  }));
  return { diagnostics, results };
}

/** The `// eslint-disable-next-line` comment that "Disable <rule> for this line" inserts above the line. */
function disableForLine(text: string, line: number, ruleId: string): string {
  const lines = text.split('\n');
  const indent = /^[ \t]*/.exec(lines[line] ?? '')?.[0] ?? '';
  lines.splice(line, 0, `${indent}// eslint-disable-next-line ${ruleId}`);
  return lines.join('\n');
}

interface Case {
  name: string;
  file: string;
  code: string;
  expected: Omit<Diagnostic, 'quickFixes'> & { quickFixes: QuickFix[] };
  /** The buffer after the quick fix, when there is one. */
  fixed?: string;
  /** Other diagnostics the buffer has (asserted too, without their fixes). */
  others?: Omit<Diagnostic, 'quickFixes'>[];
}

const at = (line: number, character: number): Position => ({ line, character });

/** A module-level memo cache keyed by the objects its callers pass. */
const LAYOUT_CACHE = outdent`
  const layouts = new Map();

  function layoutOf(node) {
    let layout = layouts.get(node);
    if (!layout) {
      layout = { width: node.width, height: node.height };
      layouts.set(node, layout);
    }
    return layout;
  }

  module.exports = { layoutOf };

`;

const CASES: Case[] = [
  {
    name: 'an implicit global in a CommonJS file, after a line with an emoji (offsets count UTF-16 code units)',
    file: 'src/session.cjs',
    code: [
      '// 👋 Greets the user',
      'function setName(user) {',
      '  name = user.name;',
      '  return name;',
      '}',
      '',
      'module.exports = { setName };',
      '',
    ].join('\n'),
    expected: {
      ruleId: 'leakproof/no-implicit-global',
      messageId: 'undeclared',
      range: { start: at(2, 2), end: at(2, 6) },
      quickFixes: [
        {
          title: 'Declare `name` with `let` at the start of `setName()`.',
          range: { start: at(2, 2), end: at(2, 2) },
          newText: 'let name;\n  ',
        },
      ],
    },
    fixed: [
      '// 👋 Greets the user',
      'function setName(user) {',
      '  let name;',
      '  name = user.name;',
      '  return name;',
      '}',
      '',
      'module.exports = { setName };',
      '',
    ].join('\n'),
  },
  {
    name: 'a Map keyed by requests, with an emoji before the fix on the same line (characters are UTF-16 code units)',
    file: 'src/requests.mjs',
    code: [
      "import http from 'node:http';",
      '',
      'const requests = /* 🗺️ */ new Map();',
      '',
      'http.createServer((req, res) => {',
      '  requests.set(req, { at: Date.now() });',
      "  res.end('ok');",
      '}).listen(3000);',
      '',
    ].join('\n'),
    expected: {
      ruleId: 'leakproof/no-unbounded-collection',
      messageId: 'unbounded',
      range: { start: at(5, 2), end: at(5, 39) },
      quickFixes: [
        {
          title: 'Make `requests` a `WeakMap`, so each entry is dropped when its key object is collected.',
          // `🗺️` is one character on screen but three UTF-16 code units (a surrogate pair, then U+FE0F): `Map` starts
          // at character 31, where counting code points would say 30.
          range: { start: at(2, 31), end: at(2, 34) },
          newText: 'WeakMap',
        },
      ],
    },
    fixed: [
      "import http from 'node:http';",
      '',
      'const requests = /* 🗺️ */ new WeakMap();',
      '',
      'http.createServer((req, res) => {',
      '  requests.set(req, { at: Date.now() });',
      "  res.end('ok');",
      '}).listen(3000);',
      '',
    ].join('\n'),
  },
  {
    name: 'an interval discarded in a React effect (JSX)',
    file: 'src/Ticker.jsx',
    code: [
      "import { useEffect, useState } from 'react';",
      '',
      'export function Ticker({ step }) {',
      '  const [count, setCount] = useState(0);',
      '  useEffect(() => {',
      '    setInterval(() => setCount((c) => c + step), 1000);',
      '  }, [step]);',
      '  return <span>{count}</span>;',
      '}',
      '',
    ].join('\n'),
    expected: {
      ruleId: 'leakproof/no-leaked-timer',
      messageId: 'effectLeaks',
      range: { start: at(5, 4), end: at(5, 15) },
      quickFixes: [
        {
          title: 'Keep the handle in `intervalId` and return `() => clearInterval(intervalId)` from the effect.',
          range: { start: at(5, 4), end: at(5, 55) },
          newText:
            'const intervalId = setInterval(() => setCount((c) => c + step), 1000);\n    return () => clearInterval(intervalId);',
        },
      ],
    },
    fixed: [
      "import { useEffect, useState } from 'react';",
      '',
      'export function Ticker({ step }) {',
      '  const [count, setCount] = useState(0);',
      '  useEffect(() => {',
      '    const intervalId = setInterval(() => setCount((c) => c + step), 1000);',
      '    return () => clearInterval(intervalId);',
      '  }, [step]);',
      '  return <span>{count}</span>;',
      '}',
      '',
    ].join('\n'),
  },
  {
    name: 'an inline listener on window in a React effect (TSX)',
    file: 'src/Width.tsx',
    code: [
      "import { useEffect, useState } from 'react';",
      '',
      'export function Width(): JSX.Element {',
      '  const [width, setWidth] = useState<number>(innerWidth);',
      '  useEffect(() => {',
      "    window.addEventListener('resize', () => setWidth(innerWidth));",
      '  }, []);',
      '  return <span>{width}</span>;',
      '}',
      '',
    ].join('\n'),
    expected: {
      ruleId: 'leakproof/no-leaked-listener',
      messageId: 'unremovable',
      range: { start: at(5, 4), end: at(5, 27) },
      quickFixes: [
        {
          title: 'Name the listener `onResize` and return a cleanup that removes it.',
          range: { start: at(5, 4), end: at(5, 66) },
          newText:
            "const onResize = () => setWidth(innerWidth);\n    window.addEventListener('resize', onResize);\n    return () => window.removeEventListener('resize', onResize);",
        },
      ],
    },
    fixed: [
      "import { useEffect, useState } from 'react';",
      '',
      'export function Width(): JSX.Element {',
      '  const [width, setWidth] = useState<number>(innerWidth);',
      '  useEffect(() => {',
      '    const onResize = () => setWidth(innerWidth);',
      "    window.addEventListener('resize', onResize);",
      "    return () => window.removeEventListener('resize', onResize);",
      '  }, []);',
      '  return <span>{width}</span>;',
      '}',
      '',
    ].join('\n'),
  },
  {
    name: 'an interval field that the teardown method forgets (TypeScript)',
    file: 'src/poller.ts',
    code: [
      'export class Poller {',
      '  private timer: ReturnType<typeof setInterval> | undefined;',
      '',
      '  start(task: () => void): void {',
      '    this.timer = setInterval(task, 1000);',
      '  }',
      '',
      '  stop(): void {',
      "    console.log('stopped');",
      '  }',
      '}',
      '',
    ].join('\n'),
    expected: {
      ruleId: 'leakproof/no-leaked-timer',
      messageId: 'teardownMisses',
      range: { start: at(4, 17), end: at(4, 28) },
      quickFixes: [
        {
          title: 'Call `clearInterval(this.timer)` in `stop()`.',
          range: { start: at(8, 4), end: at(8, 4) },
          newText: 'clearInterval(this.timer);\n    ',
        },
      ],
    },
    fixed: [
      'export class Poller {',
      '  private timer: ReturnType<typeof setInterval> | undefined;',
      '',
      '  start(task: () => void): void {',
      '    this.timer = setInterval(task, 1000);',
      '  }',
      '',
      '  stop(): void {',
      '    clearInterval(this.timer);',
      "    console.log('stopped');",
      '  }',
      '}',
      '',
    ].join('\n'),
  },
  {
    name: "the seed's replaceThing chain (and its interval, which has no quick fix)",
    file: 'src/replace-thing.js',
    code: [
      'var theThing = null;',
      'var replaceThing = function () {',
      '  var originalThing = theThing;',
      '  var unused = function () {',
      "    if (originalThing) console.log('hi');",
      '  };',
      '  theThing = {',
      "    longStr: new Array(1000000).join('*'),",
      '    someMethod: function () {',
      "      console.log('message');",
      '    },',
      '  };',
      '};',
      'setInterval(replaceThing, 1000);',
      '',
    ].join('\n'),
    expected: {
      ruleId: 'leakproof/no-leaked-closure',
      messageId: 'sharedContextChain',
      range: { start: at(8, 4), end: at(8, 14) },
      quickFixes: [
        {
          title:
            'Set `originalThing` to null at the end of `replaceThing()`, so the shared context no longer holds it.',
          range: { start: at(11, 4), end: at(11, 4) },
          newText: '\n  originalThing = null;',
        },
      ],
    },
    others: [
      { ruleId: 'leakproof/no-leaked-timer', messageId: 'discarded', range: { start: at(13, 0), end: at(13, 11) } },
    ],
    fixed: [
      'var theThing = null;',
      'var replaceThing = function () {',
      '  var originalThing = theThing;',
      '  var unused = function () {',
      "    if (originalThing) console.log('hi');",
      '  };',
      '  theThing = {',
      "    longStr: new Array(1000000).join('*'),",
      '    someMethod: function () {',
      "      console.log('message');",
      '    },',
      '  };',
      '  originalThing = null;',
      '};',
      'setInterval(replaceThing, 1000);',
      '',
    ].join('\n'),
  },
  {
    name: 'a per-request interval in a server (a finding without a quick fix)',
    file: 'src/server.js',
    code: [
      "import http from 'node:http';",
      '',
      'http.createServer((req, res) => {',
      '  setInterval(() => {',
      '    if (req.destroyed) return;',
      '  }, 60000);',
      "  res.end('ok');",
      '}).listen(3000);',
      '',
    ].join('\n'),
    expected: {
      ruleId: 'leakproof/no-leaked-timer',
      messageId: 'discarded',
      range: { start: at(3, 2), end: at(3, 13) },
      quickFixes: [],
    },
  },
  {
    name: 'a named listener in a React effect that returns no cleanup: the quick fix returns one',
    file: 'src/Online.jsx',
    code: [
      "import { useEffect } from 'react';",
      '',
      'export function Online({ onChange }) {',
      '  useEffect(() => {',
      '    const update = () => onChange(navigator.onLine);',
      "    window.addEventListener('online', update);",
      '  }, [onChange]);',
      '  return null;',
      '}',
      '',
    ].join('\n'),
    expected: {
      ruleId: 'leakproof/no-leaked-listener',
      messageId: 'leaked',
      range: { start: at(5, 4), end: at(5, 27) },
      quickFixes: [
        {
          title: 'Remove `update` from `window` in the cleanup the effect returns.',
          range: { start: at(5, 46), end: at(5, 46) },
          newText: "\n    return () => window.removeEventListener('online', update);",
        },
      ],
    },
    fixed: [
      "import { useEffect } from 'react';",
      '',
      'export function Online({ onChange }) {',
      '  useEffect(() => {',
      '    const update = () => onChange(navigator.onLine);',
      "    window.addEventListener('online', update);",
      "    return () => window.removeEventListener('online', update);",
      '  }, [onChange]);',
      '  return null;',
      '}',
      '',
    ].join('\n'),
  },
  {
    name: 'a heartbeat interval at the top level of a Node module: the quick fix unrefs it',
    file: 'src/heartbeat.cjs',
    code: ["const pool = require('./pool');", '', 'setInterval(() => pool.ping(), 30000);', ''].join('\n'),
    expected: {
      ruleId: 'leakproof/no-leaked-timer',
      messageId: 'discarded',
      range: { start: at(2, 0), end: at(2, 11) },
      quickFixes: [
        {
          title:
            'Chain `.unref()` on it: a process-lifetime timer on purpose, which no longer keeps the process from exiting.',
          range: { start: at(2, 37), end: at(2, 37) },
          newText: '.unref()',
        },
      ],
    },
    fixed: ["const pool = require('./pool');", '', 'setInterval(() => pool.ping(), 30000).unref();', ''].join('\n'),
  },
  {
    name: 'an observer created on every mount of a custom element (a finding without a quick fix)',
    file: 'src/sticky-header.js',
    code: [
      'export class StickyHeader extends HTMLElement {',
      '  connectedCallback() {',
      "    this.observer = new IntersectionObserver(() => this.toggleAttribute('stuck'));",
      '    this.observer.observe(document.documentElement);',
      '  }',
      '}',
      '',
    ].join('\n'),
    expected: {
      ruleId: 'leakproof/no-leaked-observer',
      messageId: 'leaked',
      range: { start: at(2, 24), end: at(2, 44) },
      quickFixes: [],
    },
  },
  {
    name: 'a memo cache keyed by the objects callers pass (strict: no-unbounded-memo)',
    file: 'src/layout.cjs',
    code: LAYOUT_CACHE,
    expected: {
      ruleId: 'leakproof/no-unbounded-memo',
      messageId: 'objectKey',
      range: { start: at(6, 4), end: at(6, 29) },
      quickFixes: [
        {
          title: 'Make `layouts` a `WeakMap`, so each entry goes when its key object is collected.',
          range: { start: at(0, 20), end: at(0, 23) },
          newText: 'WeakMap',
        },
      ],
    },
    fixed: LAYOUT_CACHE.replace('new Map()', 'new WeakMap()'),
  },
];

describe('what an editor offers for a finding', () => {
  it.each(CASES)('$name: the squiggle and its quick fixes', async ({ file, code, expected, others = [] }) => {
    const { diagnostics, results } = await lint(code, file);
    expect(results[0]?.messages.filter((message) => message.fatal)).toEqual([]);
    const main = diagnostics.find(
      (diagnostic) => diagnostic.ruleId === expected.ruleId && diagnostic.messageId === expected.messageId,
    );
    expect(main).toEqual(expected);
    const rest = diagnostics
      .filter((diagnostic) => diagnostic !== main)
      .map(({ ruleId, messageId, range }) => ({ ruleId, messageId, range }));
    expect(rest).toEqual(others);
  });

  it.each(CASES.filter((testCase) => testCase.fixed !== undefined))(
    '$name: applying the quick fix gives the fixed code, which no longer has the finding',
    async ({ file, code, expected, fixed, others = [] }) => {
      const [quickFix] = expected.quickFixes;
      if (!quickFix) throw new Error('a case with a fixed output needs a quick fix');
      const output = applyQuickFix(code, quickFix);
      expect(output).toBe(fixed);
      // The editor's position-based edit and ESLint's offset-based fix agree.
      const { results } = await lint(code, file);
      const suggestion = results[0]?.messages.find((message) => message.ruleId === expected.ruleId)?.suggestions?.[0];
      expect(
        suggestion &&
          code.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + code.slice(suggestion.fix.range[1]),
      ).toBe(output);
      // Fixed: what is left is only the other findings (each may have moved down by the inserted lines).
      const after = await lint(output, file);
      expect(after.results[0]?.messages.filter((message) => message.fatal)).toEqual([]);
      expect(after.diagnostics.map(({ ruleId, messageId }) => ({ ruleId, messageId }))).toEqual(
        others.map(({ ruleId, messageId }) => ({ ruleId, messageId })),
      );
    },
  );

  it.each(CASES)('$name: "Disable for this line" silences it', async ({ file, code, expected, others = [] }) => {
    const disabled = disableForLine(code, expected.range.start.line, expected.ruleId ?? '');
    const { diagnostics } = await lint(disabled, file);
    expect(diagnostics.map(({ ruleId, messageId }) => ({ ruleId, messageId }))).toEqual(
      others.map(({ ruleId, messageId }) => ({ ruleId, messageId })),
    );
  });

  it('"Show documentation" opens the rule page that the package ships, for every rule', async () => {
    const rulesSeen = new Set<string>();
    for (const { file, code } of CASES) {
      const { results } = await lint(code, file);
      const meta = eslint.getRulesMetaForResults(results);
      for (const ruleId of Object.keys(meta)) {
        const name = ruleId.replace(/^leakproof\//, '');
        expect(meta[ruleId]?.docs?.url).toBe(
          `https://github.com/leakproof/eslint-plugin-leakproof/blob/main/docs/rules/${name}.md`,
        );
        expect(existsSync(path.join(REPO_ROOT, 'docs/rules', `${name}.md`))).toBe(true);
        rulesSeen.add(ruleId);
      }
    }
    // The cases cover every rule the plugin has.
    expect([...rulesSeen].sort()).toEqual(
      Object.keys(plugin.rules)
        .map((name) => `leakproof/${name}`)
        .sort(),
    );
  });
});

describe('bulk suppressions in the editor (docs/editors.md)', () => {
  const server = CASES.find((testCase) => testCase.file === 'src/server.js');

  it('hides the findings eslint-suppressions.json records only with `applySuppressions` (the extension’s eslint.options)', async () => {
    if (!server) throw new Error('the server case is missing');
    const root = mkdtempSync(path.join(realpathSync(os.tmpdir()), 'leakproof-editor-'));
    try {
      writeFileSync(
        path.join(root, 'eslint-suppressions.json'),
        JSON.stringify({ 'src/server.js': { 'leakproof/no-leaked-timer': { count: 1 } } }),
      );
      const filePath = path.join(root, server.file);
      const plain = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: USER_CONFIG });
      const applying = new ESLint({
        cwd: root,
        overrideConfigFile: true,
        overrideConfig: USER_CONFIG,
        applySuppressions: true,
      });
      const [shown] = await plain.lintText(server.code, { filePath });
      const [hidden] = await applying.lintText(server.code, { filePath });
      expect(shown?.messages.map((message) => message.ruleId)).toEqual(['leakproof/no-leaked-timer']);
      expect(hidden?.messages).toEqual([]);
      expect(hidden?.suppressedMessages.map((message) => message.ruleId)).toEqual(['leakproof/no-leaked-timer']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('the position arithmetic the editor side of this test relies on', () => {
  it('counts UTF-16 code units and treats \\r\\n as one line break', () => {
    const text = 'a👋b\r\ncd\ne';
    expect(positionAt(text, text.indexOf('b'))).toEqual(at(0, 3));
    expect(positionAt(text, text.indexOf('d'))).toEqual(at(1, 1));
    expect(positionAt(text, text.indexOf('e'))).toEqual(at(2, 0));
    expect(offsetAt(text, at(1, 1))).toBe(text.indexOf('d'));
  });
});
