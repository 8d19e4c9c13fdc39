import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { outdent } from 'outdent';
import { describe, expect, it } from 'vitest';
import type { FunctionNode } from '../../src/analysis/ast.js';
import {
  callbackCaptures,
  clearCallOf,
  handleFate,
  isFresh,
  mayBeReleased,
  handleReleaseOf,
  isDestructured,
  membersNamed,
  runsOnlyFromMethods,
  timerCallOf,
  timerIndex,
  type HandleFate,
} from '../../src/analysis/timers.js';
import { findNode, withSourceCode } from './parse.js';
import { methodOwner, teardownPath } from '../../src/analysis/owners.js';
import { effectCleanups, effectSetupOf } from '../../src/analysis/lifecycle.js';

const callAt = (sourceCode: TSESLint.SourceCode, marker: string) =>
  findNode(sourceCode, marker, 'CallExpression') as TSESTree.CallExpression;

describe('mayBeReleased (no-leaked-closure asks it of the interval that keeps a closure)', () => {
  const released = (code: string, marker = 'setInterval(') =>
    withSourceCode(code, (sourceCode) => mayBeReleased(sourceCode, callAt(sourceCode, marker)));

  it('holds for a handle cleared anywhere in the file, through copies and fields of any object with that name', () => {
    expect(released(`const t = setInterval(f, 1);\nclearInterval(t);`)).toBe(true);
    expect(
      released(`class P { start() { this.timer = setInterval(f, 1); } stop() { clearInterval(this.timer); } }`),
    ).toBe(true);
    expect(
      released(`class P { start() { this.timer = setInterval(f, 1); } } function stop(p) { clearInterval(p.timer); }`),
    ).toBe(true);
    expect(released(`state.ping.interval = setInterval(f, 1);\nclearInterval(state.ping.interval);`)).toBe(true);
    // Members match by property name, as no-leaked-timer matches them.
    expect(released(`state.ping.interval = setInterval(f, 1);\nclearInterval(other.interval);`)).toBe(true);
    expect(
      released(outdent`
        const t = setInterval(f, 1);
        const copy = t;
        clearInterval(copy);
      `),
    ).toBe(true);
  });

  it('holds for a handle handed on (returned or passed to other code), which its receiver may clear', () => {
    expect(released(`function start() { return setInterval(f, 1); }`)).toBe(true);
    expect(released(`const t = setInterval(f, 1);\nregister(t);`)).toBe(true);
  });

  it('does not hold for a discarded handle or one that nothing clears', () => {
    expect(released(`setInterval(f, 1);\nclearInterval();`)).toBe(false);
    expect(released(`const t = setInterval(f, 1);\nconsole.log(t.hasRef);`)).toBe(false);
    expect(released(`state.ping.interval = setInterval(f, 1);\nclearInterval(other.timer);`)).toBe(false);
  });
});

describe('timerCallOf and clearCallOf', () => {
  const kindOf = (code: string, marker: string, sourceType: 'commonjs' | 'module' | 'script' = 'module') =>
    withSourceCode(
      code,
      (sourceCode) => {
        const found = timerCallOf(sourceCode, callAt(sourceCode, marker));
        return found && { kind: found.kind, name: found.name, clearText: found.clearText };
      },
      sourceType,
    );

  it('recognises the host timers: bare, through global objects, and from the timers module', () => {
    expect(kindOf(`setInterval(f, 1);`, 'setInterval')).toEqual({
      kind: 'interval',
      name: 'setInterval',
      clearText: 'clearInterval',
    });
    expect(kindOf(`window.setTimeout(f, 1);`, 'window.setTimeout')).toEqual({
      kind: 'timeout',
      name: 'setTimeout',
      clearText: 'window.clearTimeout',
    });
    expect(kindOf(`globalThis.setInterval(f, 1);`, 'globalThis')).toEqual({
      kind: 'interval',
      name: 'setInterval',
      clearText: 'globalThis.clearInterval',
    });
    expect(kindOf(`import { setInterval as every } from 'node:timers';\nevery(f, 1);`, 'every(')).toEqual({
      kind: 'interval',
      name: 'setInterval',
      clearText: 'clearInterval',
    });
    expect(kindOf(`import * as timers from 'timers';\ntimers.setTimeout(f, 1);`, 'timers.setTimeout(')).toEqual({
      kind: 'timeout',
      name: 'setTimeout',
      clearText: 'timers.clearTimeout',
    });
    expect(kindOf(`const { setInterval: every } = require('timers');\nevery(f, 1);`, 'every(', 'commonjs')).toEqual({
      kind: 'interval',
      name: 'setInterval',
      clearText: 'clearInterval',
    });
    expect(
      kindOf(`const timers = require('node:timers');\ntimers.setInterval(f, 1);`, 'timers.setInterval(', 'commonjs'),
    ).toEqual({ kind: 'interval', name: 'setInterval', clearText: 'timers.clearInterval' });
  });

  it('ignores timers/promises, shadowed names and other objects', () => {
    expect(
      kindOf(`import { setInterval } from 'node:timers/promises';\nsetInterval(1000);`, 'setInterval(1000)'),
    ).toBeNull();
    expect(kindOf(`function f(setInterval) { setInterval(g, 1); }`, 'setInterval(g')).toBeNull();
    expect(kindOf(`clock.setInterval(g, 1);`, 'clock')).toBeNull();
    expect(kindOf(`const window = {};\nwindow.setInterval(g, 1);`, 'window.setInterval(')).toBeNull();
  });

  it('recognises clear calls the same way', () => {
    const clearOf = (code: string, marker: string) =>
      withSourceCode(code, (sourceCode) => clearCallOf(sourceCode, callAt(sourceCode, marker)), 'module');
    expect(clearOf(`clearInterval(t);`, 'clearInterval')).toBe('clearInterval');
    expect(clearOf(`self.clearTimeout(t);`, 'self')).toBe('clearTimeout');
    expect(clearOf(`function clearTimeout() {}\nclearTimeout();`, 'clearTimeout()')).toBeNull();
  });
});

describe('timerIndex', () => {
  it('collects timer calls, clear calls and member accesses in one walk, cached per file', () => {
    withSourceCode(
      outdent`
        class P {
          start() { this.timer = setInterval(f, 1); }
          stop() { const { other } = this; clearInterval(this.timer); clearTimeout(this.map[key]); }
        }
      `,
      (sourceCode) => {
        const index = timerIndex(sourceCode);
        expect(timerIndex(sourceCode)).toBe(index);
        expect(index.timerCalls.map((call) => sourceCode.getText(call.callee))).toEqual(['setInterval']);
        expect(index.clearCalls.map((call) => sourceCode.getText(call.callee))).toEqual([
          'clearInterval',
          'clearTimeout',
        ]);
        expect(index.members.get('timer')?.map((member) => sourceCode.getText(member))).toEqual([
          'this.timer',
          'this.timer',
        ]);
        expect([...index.destructured]).toEqual(['other']);
        expect(index.opaqueClear).toBe(true);
      },
    );
  });
});

describe('membersNamed and isDestructured', () => {
  const code = outdent`
    class P {
      #timer;
      start() { this.timer = setInterval(f, 1); this.#timer = setTimeout(g, 1); a.timer.timer = 1; }
      stop() { const { timer: t } = this; clearInterval(this['timer']); this.timers.clear(); }
    }
    // this.timer in a comment, and 'timer' in a string, are not accesses
    const o = { 0x10: 1, 'other-name': 2 };
    const { 'other-name': x } = o;
    o[0x10] = o['other-name'];
  `;
  const names = ['timer', 'timers', 'clear', '16', 'other-name', 'absent'];
  const ranges = (members: readonly TSESTree.Node[]) => members.map((member) => member.range.join('-'));

  it('give what the whole index gives, in its order, one name at a time', () => {
    // Asked first, they answer from the text; the whole index, on a fresh parse, is the reference.
    const byName = withSourceCode(code, (sourceCode) =>
      names.map((name) => [ranges(membersNamed(sourceCode, name)), isDestructured(sourceCode, name)]),
    );
    const whole = withSourceCode(code, (sourceCode) => {
      const index = timerIndex(sourceCode);
      return names.map((name) => [ranges(index.members.get(name) ?? []), index.destructured.has(name)]);
    });
    expect(byName).toEqual(whole);
    // this.timer, this.#timer, a.timer.timer, a.timer, this['timer']; `{ timer: t } = this` destructures it.
    expect(byName[0]).toEqual([expect.any(Array), true]);
    expect(byName[0]?.[0]).toHaveLength(5);
    expect(byName[3]?.[0]).toHaveLength(1); // o[0x10] is o['16']
    expect(byName[4]).toEqual([[expect.any(String)], true]);
  });
});

describe('isFresh', () => {
  it.each([['null'], ['undefined'], ['void 0'], ['{}'], ['[]'], ['() => {}'], ['new Date()'], ['true']])(
    '%s can never be a handle',
    (text) => {
      expect(
        withSourceCode(`clearTimeout(${text});`, (sourceCode) =>
          isFresh(callAt(sourceCode, 'clearTimeout').arguments[0] as TSESTree.Node),
        ),
      ).toBe(true);
    },
  );
  it.each([['t'], ['this.t'], ['get()'], ['1'], ["'5'"]])('%s may be one', (text) => {
    expect(
      withSourceCode(`clearTimeout(${text});`, (sourceCode) =>
        isFresh(callAt(sourceCode, 'clearTimeout').arguments[0] as TSESTree.Node),
      ),
    ).toBe(false);
  });
});

describe('handleFate', () => {
  const fateOf = (code: string, marker = 'setInterval(', sourceType: 'commonjs' | 'module' = 'commonjs') =>
    withSourceCode(code, (sourceCode) => summary(handleFate(sourceCode, callAt(sourceCode, marker))), sourceType);

  it('tells discarded, returned and escaping handles apart', () => {
    expect(fateOf(`setInterval(f, 1);`)).toMatchObject({
      discarded: true,
      escapes: false,
      returned: false,
      stores: [],
    });
    expect(fateOf(`setInterval(f, 1).unref();`)).toMatchObject({ discarded: true, unref: true });
    expect(fateOf(`function every(f) { return setInterval(f, 1); }`)).toMatchObject({
      discarded: false,
      returned: true,
    });
    expect(fateOf(`const every = (f) => setInterval(f, 1);`)).toMatchObject({ returned: true });
    expect(fateOf(`timers.push(setInterval(f, 1));`)).toMatchObject({ escapes: true });
    expect(fateOf(`function f() { return { timer: setInterval(f, 1) }; }`)).toMatchObject({ escapes: true });
  });

  it('finds every store: variables, members, chained assignments, object literals, class fields, React state', () => {
    expect(fateOf(`const t = setInterval(f, 1);`).stores).toEqual(['variable t']);
    expect(fateOf(`let a, b;\na = b = setInterval(f, 1);`).stores).toEqual(['variable b', 'variable a']);
    expect(fateOf(`this.timer = setInterval(f, 1).unref();`)).toMatchObject({
      stores: ['member this.timer'],
      unref: true,
    });
    expect(fateOf(`function p(state) { state.ping = { interval: setInterval(f, 1) }; }`).stores).toEqual([
      'member state.ping.interval',
    ]);
    expect(fateOf(`class P { timer = setInterval(f, 1); static all = setTimeout(g, 1); }`).stores).toEqual([
      'member this.timer',
    ]);
    expect(fateOf(`class P { static all = setTimeout(g, 1); }`, 'setTimeout(').stores).toEqual(['member P.all']);
    expect(fateOf(`const [timer, setTimer] = useState(null);\nsetTimer(setInterval(f, 1));`).stores).toEqual([
      'variable timer',
    ]);
    expect(fateOf(`module.exports.timer = setInterval(f, 1);`)).toMatchObject({ escapes: true });
    expect(fateOf(`export function run() { using t = setInterval(f, 1); }`, 'setInterval(', 'module')).toMatchObject({
      disposed: true,
    });
  });
});

describe('handleReleaseOf', () => {
  const releaseAt = (code: string, marker = 'setInterval(') =>
    withSourceCode(code, (sourceCode) => {
      const [store] = handleFate(sourceCode, callAt(sourceCode, marker)).stores;
      if (!store) throw new Error('no store');
      const release = handleReleaseOf(sourceCode, store);
      const text = (nodes: TSESTree.Node[]) => nodes.map((node) => sourceCode.getText(node));
      return {
        clears: text(release.clears),
        escapes: text(release.escapes),
        resets: text(release.resets),
        unrefs: text(release.unrefs),
        opaque: release.opaque,
      };
    });

  it('follows the handle through copies to its clears', () => {
    expect(
      releaseAt(outdent`
        const t = setInterval(f, 1);
        const copy = t;
        clearInterval(copy);
      `).clears,
    ).toEqual(['clearInterval(copy)']);
    expect(
      releaseAt(`class P { start() { this.t = setInterval(f, 1); } stop() { const t = this.t; clearInterval(t); } }`)
        .clears,
    ).toEqual(['clearInterval(t)']);
    expect(releaseAt(`const h = setInterval(f, 1);\nprocess.on('exit', () => h.close());`).clears).toEqual([
      'h.close()',
    ]);
    expect(
      releaseAt(outdent`
        state.ping.interval = setInterval(f, 1);
        function stop(s) { clearInterval(s.ping.interval); }
      `).clears,
    ).toEqual(['clearInterval(s.ping.interval)']);
  });

  it('reports hand-offs, resets, unrefs and clears it cannot place', () => {
    expect(releaseAt(`const t = setInterval(f, 1);\ntrack(t);`).escapes).toEqual(['track(t)']);
    expect(
      releaseAt(outdent`
        let t = setInterval(f, 1);
        t = null;
        t.unref();
      `),
    ).toMatchObject({
      resets: ['t = null'],
      unrefs: ['t.unref()'],
      clears: [],
    });
    expect(releaseAt(`this.t = setInterval(f, 1);\nclearTimeout(this.timers[id]);`)).toMatchObject({
      clears: [],
      opaque: true,
    });
    expect(releaseAt(`function make() { const h = {}; h.timer = setInterval(f, 1); return h; }`).escapes).toEqual([
      'return h;',
    ]);
    expect(
      releaseAt(`class P { start() { this.t = setInterval(f, 1); } stop() { const { t } = this; clearInterval(t); } }`)
        .escapes,
    ).toEqual(['this.t']);
  });
});

describe('callbackCaptures', () => {
  const capturesOf = (code: string, marker: string) =>
    withSourceCode(code, (sourceCode) => callbackCaptures(sourceCode, findNode(sourceCode, marker) as FunctionNode));

  it('lists `this` and the enclosing locals a callback uses, not module bindings or globals', () => {
    expect(
      capturesOf(
        outdent`
          const cache = new Map();
          function handle(req, res) { setInterval(() => { cache.get(req.url); res.end(); console.log(1); }, 1); }
        `,
        '() => {',
      ),
    ).toEqual(['req', 'res']);
    expect(capturesOf(`class P { start(url) { setInterval(() => this.poll(url), 1); } }`, '() => this')).toEqual([
      'this',
      'url',
    ]);
    expect(capturesOf(`setInterval(() => this.poll(), 1);`, '() => this')).toEqual([]);
    expect(capturesOf(`function f() { setInterval(function () { return this; }, 1); }`, 'function ()')).toEqual([]);
  });
});

describe('thisOwner and teardownPath', () => {
  const ownerAt = (code: string, marker = 'setInterval(') =>
    withSourceCode(code, (sourceCode) => {
      const owner = methodOwner(sourceCode, callAt(sourceCode, marker));
      if (!owner) return null;
      const path = teardownPath(sourceCode, owner);
      return {
        name: owner.name,
        methods: [...owner.methods.keys()],
        unknownBase: owner.unknownBase,
        teardowns: path.teardowns,
        path: path.functions.length,
        passesThis: path.passesThis,
      };
    });

  it('finds a class, its teardown and the methods the teardown calls through `this`', () => {
    expect(
      ownerAt(
        outdent`
          class Client {
            start() { this.t = setInterval(f, 1); }
            halt() { clearInterval(this.t); }
            close() { this.halt(); }
            [Symbol.dispose]() { this.close(); }
          }
        `,
      ),
    ).toEqual({
      name: '`Client`',
      methods: ['start', 'halt', 'close', '[Symbol.dispose]'],
      unknownBase: false,
      teardowns: ['close', '[Symbol.dispose]'],
      path: 3,
      passesThis: false,
    });
  });

  it('finds a constructor function with prototype methods, and an object literal', () => {
    expect(
      ownerAt(
        outdent`
          function Client() { this.t = setInterval(f, 1); }
          Client.prototype.destroy = function () { registry.remove(this); };
        `,
      ),
    ).toMatchObject({
      name: '`Client`',
      methods: ['constructor', 'destroy'],
      teardowns: ['destroy'],
      passesThis: true,
    });
    expect(ownerAt(`const api = { start() { this.t = setInterval(f, 1); }, stop() {} };`)).toMatchObject({
      name: 'the object literal',
      teardowns: ['stop'],
    });
  });

  it('knows which bases may clear a field themselves', () => {
    expect(ownerAt(`class A extends EventEmitter { start() { this.t = setInterval(f, 1); } }`)?.unknownBase).toBe(
      false,
    );
    expect(
      ownerAt(outdent`
        class Base {}
        class A extends Base { start() { this.t = setInterval(f, 1); } }
      `)?.unknownBase,
    ).toBe(false);
    expect(
      ownerAt(outdent`
        const Base = require('./base');
        class A extends Base { start() { this.t = setInterval(f, 1); } }
      `)?.unknownBase,
    ).toBe(true);
    expect(ownerAt(`function A() { this.t = setInterval(f, 1); }\nutil.inherits(A, Base);`)?.unknownBase).toBe(true);
    expect(ownerAt(`setInterval(f, 1);`)).toBeNull();
  });
});

describe('runsOnlyFromMethods', () => {
  const onlyFromMethods = (code: string) =>
    withSourceCode(code, (sourceCode) => {
      const owner = methodOwner(sourceCode, callAt(sourceCode, 'setInterval('));
      const halt = owner?.methods.get('halt');
      if (!owner || !halt) throw new Error('no halt()');
      return runsOnlyFromMethods(sourceCode, owner, halt);
    });
  const base = outdent`
    class T {
      start() { this.t = setInterval(f, 1); }
      halt() { clearInterval(this.t); }
      restart() { this.halt(); this.start(); }

  `;

  it('holds for a method only called as `this.halt()` in other methods, or never called', () => {
    expect(onlyFromMethods(`${base}}`)).toBe(true);
    expect(
      onlyFromMethods(
        outdent`
          function T() { this.t = setInterval(f, 1); }
          T.prototype.halt = function () { clearInterval(this.t); };
        `,
      ),
    ).toBe(true);
  });

  it('does not hold for a method handed on, called from a callback, or called from outside', () => {
    expect(onlyFromMethods(`${base}  constructor() { this.on('close', this.halt); }\n}`)).toBe(false);
    expect(onlyFromMethods(`${base}  constructor() { this.on('close', () => this.halt()); }\n}`)).toBe(false);
    expect(onlyFromMethods(`${base}}\nfunction stopAll(t) { t.halt(); }`)).toBe(false);
  });
});

describe('effectSetupOf and effectCleanups', () => {
  const effectAt = (code: string) =>
    withSourceCode(
      code,
      (sourceCode) => {
        const setup = findNode(sourceCode, '() => {', AST_NODE_TYPES.ArrowFunctionExpression) as FunctionNode;
        const effect = effectSetupOf(setup);
        if (!effect) return null;
        const cleanups = effectCleanups(sourceCode, setup);
        return {
          hook: effect.hook,
          cleanups: cleanups.functions.map((fn) => sourceCode.getText(fn)),
          opaque: cleanups.opaque,
          returns: cleanups.returns.length,
        };
      },
      'module',
    );

  it('finds the cleanups an effect returns: literals and local functions by name', () => {
    expect(
      effectAt(outdent`
        useEffect(() => {
          const id = setInterval(f, 1);
          return () => clearInterval(id);
        }, []);
      `),
    ).toEqual({ hook: 'useEffect', cleanups: ['() => clearInterval(id)'], opaque: false, returns: 1 });
    expect(
      effectAt(outdent`
        React.useLayoutEffect(() => {
          function stop() {}
          if (x) return;
          return stop;
        });
      `),
    ).toEqual({ hook: 'useLayoutEffect', cleanups: ['function stop() {}'], opaque: false, returns: 2 });
    expect(
      effectAt(outdent`
        useEffect(() => {
          return subscribe(f);
        });
      `),
    ).toEqual({
      hook: 'useEffect',
      cleanups: [],
      opaque: true,
      returns: 1,
    });
    expect(
      effectAt(outdent`
        useMemo(() => {
          return 1;
        });
      `),
    ).toBeNull();
  });
});

/** A fate with its stores written as text, for comparisons. */
function summary(fate: HandleFate) {
  return {
    discarded: fate.discarded,
    escapes: fate.escapes,
    returned: fate.returned !== null,
    unref: fate.unref,
    disposed: fate.disposed,
    stores: fate.stores.map((store) => `${store.kind} ${store.text}`),
  };
}
