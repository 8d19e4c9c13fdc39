import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { outdent } from 'outdent';
import { describe, expect, it } from 'vitest';
import {
  fieldClears,
  fieldTimerOf,
  isRearmClear,
  priorRelease,
  rearming,
  rerunOf,
} from '../../src/analysis/handle-overwrite.js';
import { CLOSING_METHODS, isThisAlias, isThisLike, teardownPath } from '../../src/analysis/owners.js';
import { completionCheck } from '../../src/analysis/operation-timeout.js';
import { findNode, withSourceCode } from './parse.js';

const callAt = (sourceCode: TSESLint.SourceCode, marker: string) =>
  findNode(sourceCode, marker, 'CallExpression') as TSESTree.CallExpression;

/** The field timer at `marker`, with the answers about it. */
const field = <T>(
  code: string,
  marker: string,
  ask: (sourceCode: TSESLint.SourceCode, call: TSESTree.CallExpression) => T,
) => withSourceCode(code, (sourceCode) => ask(sourceCode, callAt(sourceCode, marker)));

describe('fieldTimerOf', () => {
  it('finds the field and the owner method, through `this` and its aliases', () => {
    const code = outdent`
      class A {
        run() { this.t = setInterval(f, 1); }
      }
      function B() {}
      B.prototype.go = function () { var self = this; self.t = setTimeout(f, 9).unref(); };
    `;
    expect(
      field(code, 'setInterval(', (sc, call) => {
        const found = fieldTimerOf(sc, call);
        return found && [found.method, found.property, found.text];
      }),
    ).toEqual(['run', 't', 'this.t']);
    expect(
      field(code, 'setTimeout(', (sc, call) => {
        const found = fieldTimerOf(sc, call);
        return found && [found.method, found.property, found.text];
      }),
    ).toEqual(['go', 't', 'self.t']);
  });

  it('is null for variables, other objects, `||=` and top-level code', () => {
    const none = (code: string, marker = 'setInterval(') => field(code, marker, (sc, call) => fieldTimerOf(sc, call));
    expect(none(`class A { run() { const t = setInterval(f, 1); } }`)).toBeNull();
    expect(none(`class A { run() { this.state.t = setInterval(f, 1); } }`)).toBeNull();
    expect(none(`class A { run() { this.t ||= setInterval(f, 1); } }`)).toBeNull();
    expect(none(`this.t = setInterval(f, 1);`)).toBeNull();
  });
});

describe('isThisAlias and isThisLike', () => {
  it('accepts `var self = this` never written again, and nothing else', () => {
    const alias = (code: string) =>
      withSourceCode(code, (sc) =>
        isThisAlias(sc, (findNode(sc, 'self.x', 'MemberExpression') as TSESTree.MemberExpression).object),
      );
    expect(alias(`function f() { var self = this; self.x = 1; }`)).toBe(true);
    expect(alias(`function f() { var self = this; self = other; self.x = 1; }`)).toBe(false);
    expect(alias(`function f() { var self = that; self.x = 1; }`)).toBe(false);
    expect(
      withSourceCode(`function f() { this.x = 1; }`, (sc) => isThisLike(sc, findNode(sc, 'this', 'ThisExpression'))),
    ).toBe(true);
  });
});

describe('rerunOf', () => {
  const rerun = (code: string, method: string) =>
    field(code, 'setInterval(', (sc, call) => {
      const found = fieldTimerOf(sc, call);
      return found ? rerunOf(sc, found.owner, method) : undefined;
    });
  const body = `  m() { this.t = setInterval(f, 1); }\n  close() { clearInterval(this.t); }`;

  it('reads a callback, a hand-off, a caller that runs again, or a name that repeats', () => {
    expect(
      rerun(
        outdent`
          class A {
            constructor(s) { s.on('x', () => this.m()); }
          ${body}
          }
        `,
        'm',
      ),
    ).toEqual({
      reason: 'runs from a listener at line 2',
      byName: false,
    });
    expect(
      rerun(
        outdent`
          class A {
            constructor(s) { s.on('x', this.m.bind(this)); }
          ${body}
          }
        `,
        'm',
      ),
    ).toEqual({
      reason: 'runs from a listener at line 2',
      byName: false,
    });
    expect(
      rerun(
        outdent`
          class A {
            constructor(s) { s.on('x', () => this.n()); }
            n() { this.m(); }
          ${body}
          }
        `,
        'm',
      ),
    ).toEqual({ reason: 'is called from `n()`, which runs from a listener at line 2', byName: false });
    expect(
      rerun(
        outdent`
          class A {
          ${body}
            reconnect() {}
          }
        `,
        'reconnect',
      ),
    ).toEqual({
      reason: 'can run more than once',
      byName: true,
    });
  });

  it('follows one-shot callbacks to the method that registers them, and sees a chain that leads back', () => {
    expect(
      rerun(
        outdent`
          class A {
            m() { this.t = setInterval(f, 1); this.once('close', this.back.bind(this)); }
            back() { setTimeout(() => this.m(), 10); }
            close() { clearInterval(this.t); }
          }
        `,
        'm',
      ),
    ).toEqual({ reason: 'runs again when `back()` calls it back', byName: false });
    expect(
      rerun(
        outdent`
          class A {
            connect() { lookup(() => this.m()); }
          ${body}
          }
        `,
        'm',
      ),
    ).toBeNull();
  });

  it('finds no reason for a method the constructor calls, or a start()/connect() called from outside', () => {
    expect(
      rerun(
        outdent`
          class A {
            constructor() { this.m(); }
          ${body}
          }
        `,
        'm',
      ),
    ).toBeNull();
    expect(
      rerun(
        outdent`
          class A {
          ${body}
            start() {}
            connect() {}
          }
        `,
        'start',
      ),
    ).toBeNull();
    expect(
      rerun(
        outdent`
          class A {
          ${body}
            start() {}
            connect() {}
          }
        `,
        'connect',
      ),
    ).toBeNull();
  });
});

describe('priorRelease', () => {
  const prior = (before: string, extra = '') =>
    field(
      outdent`
        class A {
          m() {
        ${before}
            this.t = setInterval(f, 1);
          }
          stop() { clearInterval(this.t); }
        ${extra}}
      `,
      'setInterval(',
      (sc, call) => {
        const found = fieldTimerOf(sc, call);
        return found && priorRelease(sc, found);
      },
    );

  it('sees a clear of the field before it, directly or through a method that clears it', () => {
    expect(prior('    clearInterval(this.t);')).toBe('cleared');
    expect(prior('    if (this.t) this.t.close();')).toBe('cleared');
    expect(prior('    this.stop();')).toBe('cleared');
    expect(prior('    this.reset();', '  reset() { this.stop(); }\n')).toBe('cleared');
  });

  it('sees a guard on the field or on a flag the method sets', () => {
    expect(prior('    if (this.t) return;')).toBe('guarded');
    expect(prior('    if (this.on) { return; }\n    this.on = true;')).toBe('guarded');
  });

  it('ignores a clear on a branch that leaves, a guard on state set elsewhere, and a clear of another field', () => {
    expect(prior('    if (x) { clearInterval(this.t); return; }')).toBeNull();
    expect(prior('    if (this.status === "ready") return;')).toBeNull();
    expect(prior('    clearInterval(this.other);')).toBeNull();
  });
});

describe('rearming, closingPath, fieldClears and isRearmClear', () => {
  it('tells a timeout that re-arms itself from one reset on every run', () => {
    const kind = (code: string) =>
      field(code, 'setTimeout(', (sc, call) => {
        const found = fieldTimerOf(sc, call);
        return found && rearming(sc, found, call);
      });
    expect(
      kind(outdent`
        class A {
          tick() { this.t = setTimeout(() => this.tick(), 1000); }
        }
      `),
    ).toBe('itself');
    expect(
      kind(
        outdent`
          class A {
            tick() { this.t = setTimeout(this.run.bind(this), 1000); }
            run() { go().then(() => this.tick()); }
          }
        `,
      ),
    ).toBe('itself');
    expect(
      kind(
        outdent`
          class A {
            constructor(s) { s.on('m', () => this.onM()); }
            onM() { clearTimeout(this.t); this.t = setTimeout(g, 1000); }
          }
        `,
      ),
    ).toBe('reset');
    expect(
      kind(outdent`
        class A {
          onM() { clearTimeout(this.t); this.t = setTimeout(g, 1000); }
        }
      `),
    ).toBeNull();
  });

  it('follows the teardown through `this`, aliases and functions bound to the owner', () => {
    const path = (code: string) =>
      field(code, 'setTimeout(', (sc, call) => {
        const found = fieldTimerOf(sc, call);
        if (!found) return null;
        const closing = teardownPath(sc, found.owner, CLOSING_METHODS);
        return { teardowns: closing.teardowns, count: closing.functions.length, passesThis: closing.passesThis };
      });
    expect(
      path(
        outdent`
          function S() {}
          S.prototype.arm = function () { this.t = setTimeout(g, 1000); };
          S.prototype.close = function () { var self = this; self.onClose(); };
          S.prototype.onClose = function () { this.onclose && this.onclose.call(this); };
        `,
      ),
    ).toEqual({ teardowns: ['close'], count: 2, passesThis: false });
    expect(
      path(
        outdent`
          class P {
            arm() { this.t = setTimeout(g, 1000); }
            end() { const done = function () {}.bind(this); registry.release(this); }
          }
        `,
      ),
    ).toEqual({ teardowns: ['end'], count: 2, passesThis: true });
  });

  it('tells the clears that only re-arm a field from those that stop it', () => {
    const code = outdent`
      class A {
        arm() { clearTimeout(this.t); this.t = setTimeout(g, 1000); }
        close() { clearTimeout(this.t); }
      }
    `;
    expect(
      withSourceCode(code, (sc) =>
        fieldClears(sc, 't').map((clear) => [clear.loc.start.line, isRearmClear(sc, clear, 't')]),
      ),
    ).toEqual([
      [2, true],
      [3, false],
    ]);
  });
});

describe('completionCheck (operation-timeout)', () => {
  const check = (code: string) =>
    withSourceCode(code, (sc) => completionCheck(sc, callAt(sc, 'setTimeout(').arguments[0] as TSESTree.Node));

  it('reads the flag of a captured operation that the callback checks first', () => {
    expect(check(`function send(cmd) { setTimeout(() => { if (!cmd.isResolved) cmd.reject(); }, ms); }`)).toEqual({
      flag: 'cmd.isResolved',
    });
    expect(check(`function go() { let done; setTimeout(function () { if (done) return; abort(); }, ms); }`)).toEqual({
      flag: 'done',
    });
  });

  it('is null for owner or module state, other names, and callbacks that do more than the check guards', () => {
    expect(check(`class A { m() { setTimeout(() => { if (!this.done) this.fail(); }, ms); } }`)).toBeNull();
    expect(check(`let done;\nfunction go() { setTimeout(() => { if (!done) fail(); }, ms); }`)).toBeNull();
    expect(check(`function go(op) { setTimeout(() => { if (!op.ready) op.fail(); }, ms); }`)).toBeNull();
    expect(check(`function go(op) { setTimeout(() => { if (!op.done) op.fail(); op.log(); }, ms); }`)).toBeNull();
    expect(check(`function go(op) { setTimeout(op.fail, ms); }`)).toBeNull();
  });
});
