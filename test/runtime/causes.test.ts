/** The newcomer's path and the declaration lookup behind "file:line". */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { declarationLine, findCauses } from '../../src/runtime/causes.js';
import { humanRetainerPath, ShortestPaths, type RetainerStep } from '../../src/runtime/retainers.js';
import { synthSnapshot } from './helpers.js';

function step(edge: string, edgeType: string, holder: string, named = false): RetainerStep {
  return { edge, edgeType, holder, named };
}

describe('humanRetainerPath', () => {
  it('starts at the variable and folds element links into []', () => {
    const path = {
      steps: [
        step('(Isolate)', 'element', '(GC roots)'),
        step('requestLogs', 'context', 'system / Context', true),
        step('[101]', 'element', 'Array'),
      ],
      target: 'Object',
      reachable: true,
    };
    expect(humanRetainerPath(path)).toBe('requestLogs[] → Object');
  });

  it("names a Map's table, a closure's context and a bound function, and hides other internal links", () => {
    const path = {
      steps: [
        step('sessions', 'context', 'system / Context', true),
        step('table', 'internal', 'Map'),
        step('[563]', 'internal', '(array)'),
        step('listener', 'property', 'Object'),
        step('bound_this', 'internal', 'native_bind()'),
        step('properties', 'internal', 'Object'),
        step('handler', 'property', 'Object'),
        step('context', 'internal', 'handler()'),
        step('req', 'context', 'system / Context'),
      ],
      target: '"Host"',
      reachable: true,
    };
    expect(humanRetainerPath(path)).toBe(
      'sessions → Map entry.listener → bound function.handler → closure context of handler() → req → string "Host"',
    );
  });

  it('says when an object is not reachable', () => {
    expect(humanRetainerPath({ steps: [], target: 'Object', reachable: false })).toBe('(not reachable) → Object');
  });
});

describe('declarationLine', () => {
  it('finds const/let/var, function and assignment declarations, in that order of preference', () => {
    const dir = mkdtempSync(join(tmpdir(), 'leakproof-decl-'));
    try {
      const file = join(dir, 'server.js');
      writeFileSync(
        file,
        [
          '// requestLogs keeps the logs',
          'lastVisit = {};',
          'const requestLogs = [];',
          'function handle() {}',
          '',
        ].join('\n'),
      );
      expect(declarationLine(file, 'requestLogs')).toBe(3);
      expect(declarationLine(file, 'handle')).toBe(4);
      expect(declarationLine(file, 'lastVisit')).toBe(2);
      expect(declarationLine(file, 'missing')).toBeUndefined();
      expect(declarationLine(join(dir, 'nope.js'), 'requestLogs')).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('findCauses, a scope slot that could not be named', () => {
  it("anchors on the user's unnamed block-scope slot, not on the runner's variable that reaches it", () => {
    // root → runner Context `fn` → the user's closure → its block Context, slot 0 unnamed → Array → 4 new Objects.
    const snapshot = synthSnapshot([
      { type: 'synthetic', name: '', id: 1, edges: [{ type: 'element', name: 1, to: 1 }] },
      { type: 'object', name: 'system / Context', id: 3, edges: [{ type: 'context', name: 'fn', to: 2 }] },
      {
        type: 'closure',
        name: 'recordVisit',
        id: 5,
        edges: [
          { type: 'internal', name: 'shared', to: 3 },
          { type: 'internal', name: 'context', to: 6 },
        ],
      },
      { type: 'code', name: 'recordVisit', id: 7, edges: [{ type: 'internal', name: 'script', to: 4 }] },
      { type: 'code', name: 'system / Script', id: 9, edges: [{ type: 'internal', name: 'name', to: 5 }] },
      { type: 'string', name: '/app/test/visits.test.ts', id: 11 },
      { type: 'object', name: 'system / Context', id: 13, edges: [{ type: 'hidden', name: 0, to: 7 }] },
      {
        type: 'object',
        name: 'Array',
        id: 15,
        edges: [0, 1, 2, 3].map((index) => ({ type: 'element', name: index, to: 8 + index })),
      },
      ...[201, 203, 205, 207].map((id) => ({ type: 'object', name: 'Object', id, size: 16 })),
    ]);
    const causes = findCauses(
      snapshot,
      new ShortestPaths(snapshot),
      { newerThanId: 100, middleId: 204, iterations: 2, isUserScript: (script) => script.startsWith('/app/') },
      (file) => file.replace('/app/', ''),
    );
    expect(causes).toMatchObject([
      {
        holder: '',
        kind: 'variable',
        user: true,
        label: 'a block-scoped variable of test/visits.test.ts',
        location: 'test/visits.test.ts',
        count: 4,
        path: '(block-scoped variable)[] → Object',
      },
    ]);
  });
});
