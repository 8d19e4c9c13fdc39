/** The newcomer's path and the declaration lookup behind "file:line". */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { declarationLine } from '../../src/runtime/causes.js';
import { humanRetainerPath, type RetainerStep } from '../../src/runtime/retainers.js';

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
