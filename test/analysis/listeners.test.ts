import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { outdent } from 'outdent';
import { describe, expect, it } from 'vitest';
import {
  aliasDeclarationNames,
  declaredAliasNames,
  indexListeners,
  listenerCallOf,
  listenerIdentity,
  type ListenerCall,
} from '../../src/analysis/listeners.js';
import { analyseRepetition, analyseListenerRepetition } from '../../src/analysis/repetition.js';
import type { FunctionNode } from '../../src/analysis/ast.js';
import { findNode, withSourceCode } from './parse.js';
import { lifecycleOf } from '../../src/analysis/lifecycle.js';

/** Every call, assignment and `.abort()` of a file, the way the rule collects them in its one pass. */
function collect(sourceCode: TSESLint.SourceCode) {
  const calls: ListenerCall[] = [];
  const assignments: TSESTree.AssignmentExpression[] = [];
  const aborts: TSESTree.CallExpression[] = [];
  const pending: TSESTree.Node[] = [sourceCode.ast];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.type === 'CallExpression') {
      const found = listenerCallOf(node, sourceCode);
      if (found) calls.push(found);
      else if (
        node.callee.type === 'MemberExpression' &&
        node.callee.property.type === 'Identifier' &&
        node.callee.property.name === 'abort'
      )
        aborts.push(node);
    }
    if (node.type === 'AssignmentExpression') assignments.push(node);
    for (const key of sourceCode.visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child])
        if (item && typeof item === 'object' && 'type' in item) pending.push(item as TSESTree.Node);
    }
  }
  calls.sort((a, b) => a.call.range[0] - b.call.range[0]);
  return { calls, index: indexListeners(sourceCode, calls, assignments, aborts) };
}

/** The release evidence for the registration starting with `marker`. */
function releaseAt(code: string, marker: string, options = {}) {
  return withSourceCode(code, (sourceCode) => {
    const { calls, index } = collect(sourceCode);
    const add = calls.find((c) => sourceCode.getText(c.call).startsWith(marker));
    if (!add) throw new Error(`no registration ${marker}`);
    return index.releaseOf(add, options)?.kind ?? null;
  });
}

/** Why the removal starting with `marker` removes nothing. */
function futileAt(code: string, marker: string) {
  return withSourceCode(code, (sourceCode) => {
    const { calls, index } = collect(sourceCode);
    const remove = calls.find((c) => sourceCode.getText(c.call).startsWith(marker));
    if (!remove) throw new Error(`no removal ${marker}`);
    const futile = index.futileRemoval(remove);
    if (!futile) return null;
    if (futile.kind === 'different')
      return { kind: futile.kind, added: futile.addedText, line: futile.added.call.loc.start.line };
    if (futile.kind === 'capture') return { kind: futile.kind, capture: futile.capture };
    return futile;
  });
}

const parseCall = (code: string) =>
  withSourceCode(code, (sourceCode) => {
    const found = listenerCallOf(
      findNode(sourceCode, code.replace(/;$/, ''), 'CallExpression') as TSESTree.CallExpression,
    );
    return (
      found && {
        kind: found.kind,
        method: found.method,
        eventName: found.eventName,
        once: found.once,
        capture: found.capture,
        signal: found.signal !== null,
        opaque: found.opaqueOptions,
      }
    );
  });

describe('listenerCallOf', () => {
  it('reads registrations, their once form, capture flag and signal', () => {
    expect(parseCall(`process.on('exit', f);`)).toEqual({
      kind: 'add',
      method: 'on',
      eventName: 'exit',
      once: false,
      capture: null,
      signal: false,
      opaque: false,
    });
    expect(parseCall(`emitter.prependOnceListener('x', f);`)).toMatchObject({ kind: 'add', once: true });
    expect(parseCall(`window.addEventListener('scroll', f, true);`)).toMatchObject({ capture: true, once: false });
    expect(parseCall(`window.addEventListener('scroll', f, !0);`)).toMatchObject({ capture: true });
    expect(parseCall(`window.addEventListener('resize', f, { once: true, passive: true });`)).toMatchObject({
      capture: false,
      once: true,
    });
    expect(parseCall(`window.addEventListener('resize', f, { signal: ac.signal });`)).toMatchObject({
      signal: true,
      opaque: false,
    });
    expect(parseCall(`window.addEventListener('resize', f, options);`)).toMatchObject({ capture: null, opaque: true });
  });

  it('reads removals, removeAllListeners and an unlimited setMaxListeners', () => {
    expect(parseCall(`process.removeListener('exit', f);`)).toMatchObject({ kind: 'remove', eventName: 'exit' });
    expect(parseCall(`el.removeEventListener('click', f, { capture: true });`)).toMatchObject({
      kind: 'remove',
      capture: true,
    });
    expect(parseCall(`process.removeAllListeners('exit');`)).toMatchObject({ kind: 'removeAll', eventName: 'exit' });
    expect(parseCall(`process.removeAllListeners();`)).toMatchObject({ kind: 'removeAll', eventName: null });
    expect(parseCall(`socket.off('chat');`)).toMatchObject({ kind: 'removeAll', eventName: 'chat' });
    expect(parseCall(`socket.off();`)).toMatchObject({ kind: 'removeAll', eventName: null });
    expect(parseCall(`emitter.setMaxListeners(0);`)).toMatchObject({ kind: 'setMaxListeners' });
    expect(parseCall(`emitter.setMaxListeners(Infinity);`)).toMatchObject({ kind: 'setMaxListeners' });
    expect(parseCall(`emitter.setMaxListeners(20);`)).toBeNull();
  });

  it('ignores calls that only look like registrations', () => {
    expect(parseCall(`events.once(emitter, 'ready');`)).toBeNull(); // the static helper returns a promise
    expect(parseCall(`$(document).on('click', '.item', f);`)).toBeNull(); // jQuery delegation
    expect(parseCall(`router.on();`)).toBeNull();
    expect(parseCall(`mql.removeListener(f);`)).toBeNull();
  });
});

describe('listenerIdentity', () => {
  const identityOf = (code: string, marker: string) =>
    withSourceCode(code, (sourceCode) => {
      const identity = listenerIdentity(sourceCode, findNode(sourceCode, marker));
      return identity.kind === 'inline'
        ? { kind: identity.kind, named: identity.key !== null }
        : { kind: identity.kind };
    });

  it('tells inline functions, .bind() results and references apart', () => {
    expect(identityOf(`process.on('exit', () => {});`, '() => {}')).toEqual({ kind: 'inline', named: false });
    expect(identityOf(`process.on('exit', function onExit() {});`, 'function onExit')).toEqual({
      kind: 'inline',
      named: true,
    });
    expect(identityOf(`process.on('exit', this.close.bind(this));`, 'this.close.bind(this)')).toEqual({
      kind: 'bound',
    });
    expect(identityOf(`process.on('exit', onExit);`, 'onExit')).toEqual({ kind: 'reference' });
    expect(identityOf(`process.on('exit', debounce(f));`, 'debounce(f)')).toEqual({ kind: 'unknown' });
  });
});

describe('releaseOf', () => {
  it('matches a removal with the same target, event and function, through variables and `this` fields', () => {
    expect(
      releaseAt(
        `function f() { const h = () => {}; process.on('exit', h); return () => process.off('exit', h); }`,
        'process.on',
      ),
    ).toBe('removal');
    expect(
      releaseAt(
        `class A { start() { process.on('exit', this.h); } stop() { process.removeListener('exit', this.h); } }`,
        'process.on',
      ),
    ).toBe('removal');
    expect(
      releaseAt(
        `class A { start() { const h = () => {}; this.h = h; process.on('exit', h); } stop() { process.off('exit', this.h); } }`,
        'process.on',
      ),
    ).toBe('removal');
    expect(
      releaseAt(
        outdent`
          function f() { const proc = process; proc.on('exit', h); }
          function g() { process.off('exit', h); }
        `,
        'proc.on',
      ),
    ).toBe('removal');
    expect(releaseAt(`bus.on('x', function onX() { bus.off('x', onX); });`, 'bus.on')).toBe('removal');
    // A generic helper that removes whatever it is given.
    expect(
      releaseAt(
        outdent`
          function f() { bus.on('x', () => {}); }
          function off(emitter, event, fn) { emitter.removeListener(event, fn); }
        `,
        'bus.on',
      ),
    ).toBe('removal');
  });

  it('does not match another target, event, function or capture flag', () => {
    expect(releaseAt(`function f() { process.on('exit', h); process.off('exit', g); }`, 'process.on')).toBeNull();
    expect(releaseAt(`function f() { process.on('exit', h); process.off('SIGINT', h); }`, 'process.on')).toBeNull();
    expect(releaseAt(`function f() { process.on('exit', h); bus.off('exit', h); }`, 'process.on')).toBeNull();
    expect(
      releaseAt(`function f() { process.on('exit', () => {}); process.off('exit', () => {}); }`, 'process.on'),
    ).toBeNull();
    expect(
      releaseAt(
        `function f() { window.addEventListener('x', h, true); window.removeEventListener('x', h); }`,
        'window.add',
      ),
    ).toBeNull();
    expect(
      releaseAt(
        outdent`
          class A { start() { process.on('exit', this.h); } }
          class B { stop() { process.off('exit', this.h); } }
        `,
        'process.on',
      ),
    ).toBeNull();
  });

  it('accepts removeAllListeners, once on an event that fires, an aborted signal and a kept handle', () => {
    expect(
      releaseAt(
        outdent`
          function f() { bus.on('x', () => {}); }
          function reset() { bus.removeAllListeners('x'); }
        `,
        'bus.on',
      ),
    ).toBe('removeAll');
    expect(
      releaseAt(
        outdent`
          function f() { bus.on('x', () => {}); }
          function reset() { bus.removeAllListeners(); }
        `,
        'bus.on',
      ),
    ).toBe('removeAll');
    expect(
      releaseAt(`function f() { socket.on('chat', () => {}); return () => socket.off('chat'); }`, 'socket.on'),
    ).toBe('removeAll');
    expect(
      releaseAt(
        outdent`
          const { AppState } = require('react-native');
          function f() { const sub = AppState.addEventListener('change', () => {}); return () => sub.remove(); }
        `,
        'AppState.add',
      ),
    ).toBe('handle');
    expect(releaseAt(`function f() { bus.once('ready', () => {}); }`, 'bus.once')).toBe('once');
    expect(releaseAt(`function f() { window.addEventListener('message', h, { once: true }); }`, 'window.add')).toBe(
      'once',
    );
    expect(
      releaseAt(
        `function f() { const ac = new AbortController(); window.addEventListener('x', h, { signal: ac.signal }); return () => ac.abort(); }`,
        'window.add',
      ),
    ).toBe('signal');
    expect(releaseAt(`function f(signal) { window.addEventListener('x', h, { signal }); }`, 'window.add')).toBe(
      'signal',
    );
    expect(
      releaseAt(
        outdent`
          const bus = createNanoEvents();
          function f() { const off = bus.on('x', () => {}); return off; }
        `,
        'bus.on',
      ),
    ).toBe('handle');
    // Not a handle: addEventListener returns nothing, process.on returns process.
    expect(releaseAt(`useEffect(() => window.addEventListener('resize', () => {}));`, 'window.add')).toBeNull();
    expect(releaseAt(`function f() { return process.on('exit', () => {}); }`, 'process.on')).toBeNull();
  });

  it('does not accept once on an event that may never fire, or a signal nothing aborts', () => {
    expect(releaseAt(`function f() { process.once('exit', () => {}); }`, 'process.once')).toBeNull();
    expect(releaseAt(`function f() { bus.once('error', () => {}); }`, 'bus.once')).toBeNull();
    expect(
      releaseAt(`function f(signal) { signal.addEventListener('abort', h, { once: true }); }`, 'signal.add', {
        mayNeverFire: true,
      }),
    ).toBeNull();
    expect(
      releaseAt(
        `function f() { const ac = new AbortController(); window.addEventListener('x', h, { signal: ac.signal }); }`,
        'window.add',
      ),
    ).toBeNull();
  });

  it('accepts a guard that installs at most once', () => {
    expect(
      releaseAt(
        outdent`
          let installed = false;
          function f() { if (installed) return; installed = true; process.on('exit', () => {}); }
        `,
        'process.on',
      ),
    ).toBe('guard');
    expect(
      releaseAt(
        outdent`
          const seen = new Set();
          function f(name) { if (seen.has(name)) return; seen.add(name); process.on('exit', () => {}); }
        `,
        'process.on',
      ),
    ).toBe('guard');
    expect(
      releaseAt(
        `function f() { if (process.listenerCount('exit') === 0) process.on('exit', () => {}); }`,
        'process.on',
      ),
    ).toBe('guard');
    expect(
      releaseAt(
        `function f() { if (!global.__hooked) { global.__hooked = true; process.on('exit', () => {}); } }`,
        'process.on',
      ),
    ).toBe('guard');
    expect(
      releaseAt(
        `function make() { const cache = new WeakMap(); return (signal) => { if (!cache.has(signal)) { cache.set(signal, 1); signal.addEventListener('abort', () => {}); } }; }`,
        'signal.add',
      ),
    ).toBe('guard');
    // Per instance only for instance members.
    const perInstance = `class A { init() { if (!this.catcher) { this.catcher = () => {}; this.s.on('x', () => {}); } } }`;
    expect(releaseAt(perInstance, 'this.s.on', { instanceGuard: true })).toBe('guard');
    expect(releaseAt(perInstance, 'this.s.on')).toBeNull();
    // Not a flag: a constant, a local, an option.
    expect(
      releaseAt(
        outdent`
          const isWin = process.platform === 'win32';
          function f(options) { let done = false; if (isWin || options.x || done) process.on('exit', () => {}); }
        `,
        'process.on',
      ),
    ).toBeNull();
  });
});

describe('futileRemoval', () => {
  it('finds removals of inline functions and fresh .bind() results', () => {
    expect(futileAt(`window.removeEventListener('resize', () => {});`, 'window.remove')).toEqual({ kind: 'inline' });
    expect(futileAt(`process.off('exit', this.stop.bind(this));`, 'process.off')).toEqual({
      kind: 'bound',
      text: 'this.stop.bind(this)',
    });
  });

  it('finds the removal of `f` when `f.bind(this)` or `() => f()` was added', () => {
    expect(
      futileAt(
        `class A { start() { process.on('exit', this.stop.bind(this)); } stop() { process.off('exit', this.stop); } }`,
        'process.off',
      ),
    ).toEqual({
      kind: 'different',
      added: 'this.stop.bind(this)',
      line: 1,
    });
    expect(
      futileAt(
        outdent`
          function f() { bus.on('x', () => handle()); }
          function g() { bus.off('x', handle); }
        `,
        'bus.off',
      ),
    ).toMatchObject({ kind: 'different', added: '() => handle()' });
  });

  it('finds a removal with the other capture flag', () => {
    expect(
      futileAt(
        `function f() { document.addEventListener('scroll', h, true); return () => document.removeEventListener('scroll', h); }`,
        'document.remove',
      ),
    ).toEqual({ kind: 'capture', capture: true });
  });

  it('is null when the removal may remove something', () => {
    expect(futileAt(`function f() { process.on('exit', h); process.off('exit', h); }`, 'process.off')).toBeNull();
    expect(futileAt(`function f(fn) { process.off('exit', fn); }`, 'process.off')).toBeNull();
    expect(futileAt(`bus.off('x', function onX() {});`, 'bus.off')).toBeNull();
    expect(futileAt(`function f() { process.on('exit', h, true); process.off('exit', g); }`, 'process.off')).toBeNull();
  });
});

describe('constants, loops over constant lists, and undeclared events', () => {
  it('reads the capture flag and once through constants and options objects', () => {
    const capture = (code: string, marker: string) =>
      withSourceCode(
        code,
        (sourceCode) => collect(sourceCode).calls.find((c) => sourceCode.getText(c.call).startsWith(marker))?.capture,
      );
    expect(capture(`const opts = { capture: true };\nwindow.addEventListener('x', f, opts);`, 'window.add')).toBe(true);
    expect(capture(`const flag = true;\nwindow.addEventListener('x', f, { capture: flag });`, 'window.add')).toBe(true);
    expect(
      capture(
        outdent`
          const o = { capture: false };
          window.addEventListener('x', f, { capture: o.capture });
        `,
        'window.add',
      ),
    ).toBe(false);
    expect(capture(`const flag = !0;\nwindow.addEventListener('x', f, flag);`, 'window.add')).toBe(true);
    // Reassigned, or computed: not a constant.
    expect(
      capture(
        outdent`
          let opts = { capture: true };
          opts = {};
          window.addEventListener('x', f, opts);
        `,
        'window.add',
      ),
    ).toBeNull();
    expect(
      capture(`const opts = cond ? true : false;\nwindow.addEventListener('x', f, opts);`, 'window.add'),
    ).toBeNull();
  });

  it('releases events added in a loop over a constant list only when each is removed', () => {
    const add = 'ACTIVITY.forEach((t) => window.addEventListener(t, onActivity))';
    const pre = "const ACTIVITY = ['a', 'b'];\nconst onActivity = () => {};\nmodule.exports = function run() {\n  ";
    expect(
      releaseAt(
        outdent`
          ${pre}${add};
            return () => ACTIVITY.forEach((u) => window.removeEventListener(u, onActivity));
          }
        `,
        'window.add',
      ),
    ).toBe('removal');
    expect(
      releaseAt(
        outdent`
          ${pre}${add};
            for (const e of ['b', 'a']) window.removeEventListener(e, onActivity);
          }
        `,
        'window.add',
      ),
    ).toBe('removal');
    expect(
      releaseAt(
        outdent`
          ${pre}${add};
            window.removeEventListener('a', onActivity);
          }
        `,
        'window.add',
      ),
    ).toBeNull();
    // An event this file cannot name may be either.
    expect(
      releaseAt(
        outdent`
          ${pre}${add};
            return (name) => window.removeEventListener(name, onActivity);
          }
        `,
        'window.add',
      ),
    ).toBe('removal');
    // A misspelt loop variable throws: it removes nothing.
    expect(
      releaseAt(
        outdent`
          ${pre}${add};
            return () => ACTIVITY.forEach((u) => window.removeEventListener(uu, onActivity));
          }
        `,
        'window.add',
      ),
    ).toBeNull();
    expect(
      futileAt(
        outdent`
          ${pre}${add};
            ACTIVITY.forEach((u) => window.removeEventListener(uu, onActivity));
          }
        `,
        'window.remove',
      ),
    ).toEqual({ kind: 'undeclaredEvent', name: 'uu' });
    // A host global is no typo.
    expect(
      futileAt(
        outdent`
          ${pre}${add};
            window.removeEventListener(event, onActivity);
          }
        `,
        'window.remove',
      ),
    ).toBeNull();
  });

  it('matches [type, handler] pairs element by element across loops over the same list', () => {
    const code = (removeLoop: string) =>
      outdent`
        module.exports = function run(pairs, other) {
          for (const [type, fn] of pairs) window.addEventListener(type, fn);
          ${removeLoop}
        }
      `;
    expect(releaseAt(code('for (const [t, h] of pairs) window.removeEventListener(t, h);'), 'window.add')).toBe(
      'removal',
    );
    expect(releaseAt(code('pairs.forEach(([t, h]) => window.removeEventListener(t, h));'), 'window.add')).toBe(
      'removal',
    );
    // Another list, or the other element: not the same function.
    expect(releaseAt(code('for (const [t, h] of other) window.removeEventListener(t, h);'), 'window.add')).toBeNull();
    expect(releaseAt(code('for (const [t, h] of pairs) window.removeEventListener(t, t);'), 'window.add')).toBeNull();
  });
});

describe('analyseListenerRepetition', () => {
  const repetitionAt = (code: string, marker = 'mark()', sourceType: 'commonjs' | 'module' = 'commonjs') =>
    withSourceCode(
      code,
      (sourceCode) => {
        const found = analyseListenerRepetition(sourceCode, analyseRepetition(sourceCode)).of(
          findNode(sourceCode, marker),
        );
        return found && { kind: found.kind, trigger: found.trigger, lifecycle: found.lifecycle?.name ?? null };
      },
      sourceType,
    );

  it('counts handlers, exported functions, methods and constructors', () => {
    expect(repetitionAt(`http.createServer((req, res) => { mark(); });`)).toEqual({
      kind: 'per-event',
      trigger: 'on every request to the server created at line 1',
      lifecycle: null,
    });
    expect(repetitionAt(`module.exports = function track() { mark(); };`)).toEqual({
      kind: 'per-call',
      trigger: 'on every call of `track()`',
      lifecycle: null,
    });
    expect(repetitionAt(`export class Pool { acquire() { mark(); } }`, 'mark()', 'module')?.trigger).toBe(
      'on every call of `acquire()`',
    );
    expect(repetitionAt(`export class Pool { #grow() { mark(); } }`, 'mark()', 'module')?.trigger).toBe(
      'on every call of `#grow()`',
    );
    expect(
      repetitionAt(`module.exports = function get() { return new Promise((resolve) => { mark(); }); };`)?.trigger,
    ).toBe('on every call of `get()`');
  });

  it('counts component lifecycles', () => {
    expect(repetitionAt(`export function Clock() { useEffect(() => { mark(); }, []); }`, 'mark()', 'module')).toEqual({
      kind: 'per-call',
      trigger: 'every time the `useEffect()` effect of `Clock` runs',
      lifecycle: 'useEffect',
    });
    expect(repetitionAt(`class Clock extends Component { componentDidMount() { mark(); } }`)).toEqual({
      kind: 'per-call',
      trigger: 'on every mount of `Clock` (`componentDidMount()`)',
      lifecycle: 'componentDidMount',
    });
    expect(
      repetitionAt(`export default { data() { return {}; }, mounted() { mark(); } };`, 'mark()', 'module')?.lifecycle,
    ).toBe('mounted');
    expect(repetitionAt(`onMount(() => { mark(); });`)?.lifecycle).toBe('onMount');
  });

  it('stays silent for run-once code', () => {
    expect(repetitionAt(`mark();`)).toBeNull();
    expect(repetitionAt(`program.command('x').action(() => { mark(); });`)).toBeNull(); // an unknown callback at top level
    expect(repetitionAt(`defineConfig({ plugins: [{ configureServer() { mark(); } }] });`)).toBeNull(); // an options object
    expect(repetitionAt(`module.exports = function init() { mark(); };`)).toBeNull(); // named as set-up
    expect(repetitionAt(`exports.startServer = function startServer() { mark(); };`)).toBeNull();
    expect(repetitionAt(`function worker() { mark(); }\nconst source = \`(\${worker.toString()})()\`;`)).toBeNull(); // serialised, not called
    expect(repetitionAt(`class Session { constructor() { mark(); } }\nconst session = new Session();`)).toBeNull(); // a class the file creates once
    // A bundle's module table handed to its prelude at top level.
    expect(repetitionAt(`(function (modules) {})({ 1: [function (require, module) { mark(); }, {}] });`)).toBeNull();
  });

  it('follows a class the file keeps to itself to where it creates instances', () => {
    expect(
      repetitionAt(outdent`
        class Tracker { constructor() { mark(); } }
        app.get('/', () => { new Tracker(); });
      `),
    ).toEqual({
      kind: 'per-event',
      trigger:
        "on every call of the constructor of `Tracker` (a `Tracker` is created on every request to `app.get('/')`)",
      lifecycle: null,
    });
    expect(
      repetitionAt(outdent`
        class Tracker { flush() { mark(); } }
        const t = new Tracker();
        setInterval(() => t.flush(), 10);
      `)?.kind,
    ).toBe('per-event');
    expect(repetitionAt(`class Tracker { constructor() { mark(); } }\nmodule.exports = Tracker;`)?.trigger).toBe(
      'on every call of the constructor of `Tracker`',
    );
  });
});

describe('lifecycleOf', () => {
  const lifecycleAt = (code: string, marker: string) =>
    withSourceCode(code, (sourceCode) => {
      const found = lifecycleOf(findNode(sourceCode, marker) as FunctionNode);
      return (
        found && { kind: found.kind, name: found.name, returnsCleanup: found.returnsCleanup, teardown: found.teardown }
      );
    });

  it('recognises effects, mount hooks and lifecycle methods', () => {
    expect(lifecycleAt(`React.useLayoutEffect(() => {}, []);`, '() => {}')).toEqual({
      kind: 'effect',
      name: 'useLayoutEffect',
      returnsCleanup: true,
      teardown: [],
    });
    expect(lifecycleAt(`onMounted(() => {});`, '() => {}')).toMatchObject({ kind: 'hook', returnsCleanup: false });
    expect(lifecycleAt(`class A extends HTMLElement { connectedCallback() {} }`, '() {}')).toEqual({
      kind: 'method',
      name: 'connectedCallback',
      returnsCleanup: false,
      teardown: ['disconnectedCallback'],
    });
    expect(lifecycleAt(`class A { ngOnInit() {} }`, '() {}')).toMatchObject({ teardown: ['ngOnDestroy'] });
  });

  it('is null elsewhere, including a `mounted` method of an object that is not a component', () => {
    expect(lifecycleAt(`useMemo(() => {}, []);`, '() => {}')).toBeNull();
    expect(lifecycleAt(`const fs = { mounted() {} };`, '() {}')).toBeNull();
  });
});

describe('chains, implicit registrations and outcome pairs', () => {
  const targetText = (code: string, marker: string) =>
    withSourceCode(code, (sourceCode) => {
      const { calls } = collect(sourceCode);
      const found = calls.filter((c) => sourceCode.getText(c.call).startsWith(marker));
      return found.map((c) => `${c.kind} ${c.eventName ?? '?'} on ${sourceCode.getText(c.target)}`);
    });

  it('adds a chained registration to the emitter at the head of the chain', () => {
    expect(targetText(`socket.on('error', f).on('close', g);`, 'socket.on')).toEqual([
      'add close on socket',
      'add error on socket',
    ]);
    // `addEventListener` returns nothing: a chain after it is not the target.
    expect(targetText(`a.b().on('x', f);`, 'a.b()')).toEqual(['add x on a.b()']);
  });

  it('reads `setTimeout(ms, cb)` and `listen(…, cb)` as once registrations, and `setTimeout(0)` as a disarm', () => {
    expect(parseCall(`socket.setTimeout(1000, onTimeout);`)).toMatchObject({
      kind: 'add',
      method: 'setTimeout',
      eventName: 'timeout',
      once: true,
    });
    expect(parseCall(`server.listen(port, host, () => ready());`)).toMatchObject({
      kind: 'add',
      eventName: 'listening',
      once: true,
    });
    expect(parseCall(`socket.setTimeout(0);`)).toMatchObject({ kind: 'disarmTimeout', eventName: 'timeout' });
    // Timer functions take the function first; a listen without a callback adds nothing.
    expect(parseCall(`window.setTimeout(() => tick(), 100);`)).toBeNull();
    expect(parseCall(`server.listen(port);`)).toBeNull();
    expect(parseCall(`socket.setTimeout(1000);`)).toBeNull();
  });

  it('does not let `once` release a timeout callback, one outcome of a pair, or connect on a reused connection', () => {
    expect(releaseAt(`function f(s) { s.setTimeout(10, () => g()); }`, 's.setTimeout')).toBeNull();
    const pair = outdent`
      function f(c, done) {
        c.once('error', (e) => done(e));
        c.once('ready', () => done());
      }
    `;
    expect(releaseAt(pair, "c.once('ready'")).toBeNull();
    expect(releaseAt(`function f(c, done) { c.once('ready', () => done()); }`, "c.once('ready'")).toBe('once');
    // Removed by the outcome that fires instead.
    expect(
      releaseAt(
        outdent`
          function f(c, done) {
            const onReady = () => done();
            c.once('error', (e) => { c.off('ready', onReady); done(e); });
            c.once('ready', onReady);
          }
        `,
        "c.once('ready'",
      ),
    ).toBe('removal');
    const connect = `function f(req) { req.socket.once('connect', g); }`;
    expect(releaseAt(connect, 'req.socket.once', { reusedConnection: true })).toBeNull();
    expect(releaseAt(connect, 'req.socket.once')).toBe('once');
    expect(
      releaseAt(`function f(req) { if (req.socket.connecting) req.socket.once('connect', g); }`, 'req.socket.once', {
        reusedConnection: true,
      }),
    ).toBe('once');
  });

  it('pairs a success listener with an `error` listener on the same target in the same function', () => {
    const partnerOf = (code: string, marker: string) =>
      withSourceCode(code, (sourceCode) => {
        const { calls, index } = collect(sourceCode);
        const add = calls.find((c) => sourceCode.getText(c.call).startsWith(marker));
        const partner = add && index.outcomePartner(add);
        return partner ? partner.eventName : null;
      });
    const code = outdent`
      function f(c, other, done) {
        c.on('error', done);
        c.listen(80, () => done());
        other.once('ready', done);
      }
    `;
    expect(partnerOf(code, 'c.listen')).toBe('error');
    expect(partnerOf(code, "c.on('error'")).toBe('listening');
    expect(partnerOf(code, 'other.once')).toBeNull();
  });

  it('finds the callback a `setTimeout(0)` leaves registered', () => {
    const disarmed = (code: string) =>
      withSourceCode(code, (sourceCode) => {
        const { calls, index } = collect(sourceCode);
        const disarm = calls.find((c) => c.kind === 'disarmTimeout');
        const armed = disarm && index.disarmedListener(disarm);
        return armed ? armed.call.loc.start.line : null;
      });
    expect(
      disarmed(outdent`
        function f(r, g) {
          r.setTimeout(5, g);
          return () => r.setTimeout(0);
        }
      `),
    ).toBe(2);
    expect(
      disarmed(
        outdent`
          function f(r, g) {
            r.setTimeout(5, g);
            return () => { r.setTimeout(0); r.removeListener('timeout', g); };
          }
        `,
      ),
    ).toBeNull();
    expect(
      disarmed(outdent`
        function f(r, q, g) {
          q.setTimeout(5, g);
          return () => r.setTimeout(0);
        }
      `),
    ).toBeNull();
  });
});

describe('keys with the alias names the rule collects', () => {
  /** keyOf for each expression, from an index given the file's alias names and from one resolving every name. */
  function keysBothWays(code: string, expressions: string[]) {
    return withSourceCode(code, (sourceCode) => {
      const { calls, index } = collect(sourceCode);
      const assignments: TSESTree.AssignmentExpression[] = [];
      const aliasNames = new Set<string>();
      const pending: TSESTree.Node[] = [sourceCode.ast];
      for (let node = pending.pop(); node; node = pending.pop()) {
        if (node.type === 'AssignmentExpression') assignments.unshift(node);
        if (node.type === 'VariableDeclarator') aliasDeclarationNames(node, aliasNames);
        for (const key of sourceCode.visitorKeys[node.type] ?? []) {
          const child = (node as unknown as Record<string, unknown>)[key];
          for (const item of Array.isArray(child) ? child : [child])
            if (item && typeof item === 'object' && 'type' in item) pending.push(item as TSESTree.Node);
        }
      }
      const named = indexListeners(sourceCode, calls, assignments, [], aliasNames);
      const nodes = expressions.map((text) => findNode(sourceCode, text));
      const withNames = nodes.map((node) => named.keyOf(node));
      const withoutNames = nodes.map((node) => index.keyOf(node));
      return {
        aliasNames: [...aliasNames].sort(),
        declaredAliasNames: [...declaredAliasNames(sourceCode)].sort(),
        sameKeys: withNames.map((key) => key === withNames[0]),
        withNames,
        withoutNames,
      };
    });
  }

  it('collects the names a declaration may make aliases of', () => {
    const { aliasNames } = keysBothWays(
      outdent`
        const self = this, proc = process, count = 0;
        const { signal, options: opts = {} } = config;
        let made = create();
        x = self;
      `,
      ['x'],
    );
    expect(aliasNames).toEqual(['opts', 'proc', 'self', 'signal']);
  });

  it('finds the same names through the variables the declarations declare', () => {
    const { aliasNames, declaredAliasNames: declared } = keysBothWays(
      outdent`
        const self = this, proc = process, count = 0;
        const { signal, options: opts = {}, nested: { deep } } = config;
        var again = self, again = other.field;
        const { fromCall } = require('x'), [fromArray] = list;
        function run({ fromParameter } = {}) {
          const inner = this.socket;
          for (const looped of list) { let copy = looped; }
          return () => { const { arrow } = self; };
        }
        class Holder { method() { const held = this; } }
        x = self;
      `,
      ['x'],
    );
    expect(aliasNames).toEqual(['again', 'arrow', 'copy', 'held', 'inner', 'opts', 'proc', 'self', 'signal']);
    expect(declared).toEqual(aliasNames);
  });

  it('joins through assignments, aliases and the global object alike', () => {
    const { sameKeys, withNames, withoutNames } = keysBothWays(
      outdent`
        const self = this;
        function Watcher() {
          this.onExit = onExit;
          self.handler = this.onExit;
          alias = self.handler;
          window.bus = globalThis.events;
        }
        function onExit() {}
        const other = 1;
        holder = window;
      `,
      [
        'onExit',
        'this.onExit',
        'self.handler',
        'alias',
        'other',
        'window.bus',
        'globalThis.events',
        'holder',
        'globalThis',
      ],
    );
    expect(withNames).toEqual(withoutNames);
    expect(sameKeys).toEqual([true, true, true, true, false, false, false, false, false]);
    expect(withNames[5]).toBe(withNames[6]);
    expect(withNames[7]).toBe(withNames[8]); // `window` is globalThis
  });
});
