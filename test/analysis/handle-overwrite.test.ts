import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import {
  closingPath,
  fieldClears,
  fieldTimerOf,
  isRearmClear,
  isThisLike,
  priorRelease,
  rearming,
  rerunOf,
} from '../../src/analysis/handle-overwrite.js';
import { isThisAlias } from '../../src/analysis/timers.js';
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
    const code = `class A {\n  run() { this.t = setInterval(f, 1); }\n}\nfunction B() {}\nB.prototype.go = function () { var self = this; self.t = setTimeout(f, 9).unref(); };`;
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
    expect(rerun(`class A {\n  constructor(s) { s.on('x', () => this.m()); }\n${body}\n}`, 'm')).toEqual({
      reason: 'runs from a listener at line 2',
      byName: false,
    });
    expect(rerun(`class A {\n  constructor(s) { s.on('x', this.m.bind(this)); }\n${body}\n}`, 'm')).toEqual({
      reason: 'runs from a listener at line 2',
      byName: false,
    });
    expect(
      rerun(`class A {\n  constructor(s) { s.on('x', () => this.n()); }\n  n() { this.m(); }\n${body}\n}`, 'm'),
    ).toEqual({ reason: 'is called from `n()`, which runs from a listener at line 2', byName: false });
    expect(rerun(`class A {\n${body}\n  reconnect() {}\n}`, 'reconnect')).toEqual({
      reason: 'can run more than once',
      byName: true,
    });
  });

  it('follows one-shot callbacks to the method that registers them, and sees a chain that leads back', () => {
    expect(
      rerun(
        `class A {\n  m() { this.t = setInterval(f, 1); this.once('close', this.back.bind(this)); }\n  back() { setTimeout(() => this.m(), 10); }\n  close() { clearInterval(this.t); }\n}`,
        'm',
      ),
    ).toEqual({ reason: 'runs again when `back()` calls it back', byName: false });
    expect(rerun(`class A {\n  connect() { lookup(() => this.m()); }\n${body}\n}`, 'm')).toBeNull();
  });

  it('finds no reason for a method the constructor calls, or a start()/connect() called from outside', () => {
    expect(rerun(`class A {\n  constructor() { this.m(); }\n${body}\n}`, 'm')).toBeNull();
    expect(rerun(`class A {\n${body}\n  start() {}\n  connect() {}\n}`, 'start')).toBeNull();
    expect(rerun(`class A {\n${body}\n  start() {}\n  connect() {}\n}`, 'connect')).toBeNull();
  });
});

describe('priorRelease', () => {
  const prior = (before: string, extra = '') =>
    field(
      `class A {\n  m() {\n${before}\n    this.t = setInterval(f, 1);\n  }\n  stop() { clearInterval(this.t); }\n${extra}}`,
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
    expect(kind(`class A {\n  tick() { this.t = setTimeout(() => this.tick(), 1000); }\n}`)).toBe('itself');
    expect(
      kind(
        `class A {\n  tick() { this.t = setTimeout(this.run.bind(this), 1000); }\n  run() { go().then(() => this.tick()); }\n}`,
      ),
    ).toBe('itself');
    expect(
      kind(
        `class A {\n  constructor(s) { s.on('m', () => this.onM()); }\n  onM() { clearTimeout(this.t); this.t = setTimeout(g, 1000); }\n}`,
      ),
    ).toBe('reset');
    expect(kind(`class A {\n  onM() { clearTimeout(this.t); this.t = setTimeout(g, 1000); }\n}`)).toBeNull();
  });

  it('follows the teardown through `this`, aliases and functions bound to the owner', () => {
    const path = (code: string) =>
      field(code, 'setTimeout(', (sc, call) => {
        const found = fieldTimerOf(sc, call);
        if (!found) return null;
        const closing = closingPath(sc, found.owner);
        return { teardowns: closing.teardowns, count: closing.functions.length, passesThis: closing.passesThis };
      });
    expect(
      path(
        `function S() {}\nS.prototype.arm = function () { this.t = setTimeout(g, 1000); };\nS.prototype.close = function () { var self = this; self.onClose(); };\nS.prototype.onClose = function () { this.onclose && this.onclose.call(this); };`,
      ),
    ).toEqual({ teardowns: ['close'], count: 2, passesThis: false });
    expect(
      path(
        `class P {\n  arm() { this.t = setTimeout(g, 1000); }\n  end() { const done = function () {}.bind(this); registry.release(this); }\n}`,
      ),
    ).toEqual({ teardowns: ['end'], count: 2, passesThis: true });
  });

  it('tells the clears that only re-arm a field from those that stop it', () => {
    const code = `class A {\n  arm() { clearTimeout(this.t); this.t = setTimeout(g, 1000); }\n  close() { clearTimeout(this.t); }\n}`;
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
