/**
 * Random programs for the fuzz tests, built from fragments of the code the rules look at: module-level collections
 * grown and released, timers started, stored and cleared, listeners added and removed, closures over large
 * allocations, classes (fields, private fields, getters, setters, static blocks, teardown methods), React effects,
 * route handlers, nested functions of every kind, and odd syntax (optional chaining, computed members, destructuring,
 * labels, generators, async, tagged templates, sequences, `with`, `new.target`, `import.meta`), in scripts, CommonJS
 * and ES modules, as JavaScript or TypeScript.
 *
 * The generator builds a small tree; the renderer turns it into text that always parses. It knows the context (strict
 * or sloppy, inside a function, async, generator, loop, switch, labels, class and its private names, module top
 * level) and renders a fragment that the context does not allow as its nearest valid form (`yield x` outside a
 * generator is `x`, a `with` in strict code a block, an `export` outside a module its declaration). Declared names
 * come from disjoint pools (lexical, var, parameters, functions, classes, imports), and a name declared twice in one
 * scope is renamed, so no program has an early error.
 */
import fc from 'fast-check';
import type { SourceType } from './harness.js';

// ---------------------------------------------------------------------------------------------------------------
// The tree

type Expr =
  | { t: 'id'; name: string }
  | { t: 'lit'; text: string }
  | { t: 'new'; ctor: string; args: Expr[] }
  | { t: 'array'; items: Expr[]; spread: boolean }
  | { t: 'object'; props: Prop[] }
  | { t: 'member'; object: Expr; property: string; computed: Expr | null; optional: boolean }
  | { t: 'call'; callee: Expr; args: Expr[]; optional: boolean }
  | { t: 'fn'; fn: Fn }
  | { t: 'iife'; fn: Fn }
  | { t: 'assign'; target: Target; op: string; value: Expr }
  | { t: 'binary'; op: string; left: Expr; right: Expr }
  | { t: 'unary'; op: string; argument: Expr }
  | { t: 'cond'; test: Expr; consequent: Expr; alternate: Expr }
  | { t: 'seq'; items: Expr[] }
  | { t: 'await'; argument: Expr }
  | { t: 'yield'; argument: Expr | null; delegate: boolean }
  | { t: 'this' }
  | { t: 'newTarget' }
  | { t: 'importMeta' }
  | { t: 'dynamicImport'; source: string }
  | { t: 'template'; tag: Expr | null; parts: Expr[] }
  | { t: 'private'; name: string }
  | { t: 'classExpr'; cls: Cls }
  | { t: 'tsCast'; argument: Expr; kind: 'as' | 'nonNull' | 'satisfies' };

type Target =
  | { t: 'id'; name: string }
  | { t: 'member'; object: Expr; property: string; computed: Expr | null }
  | { t: 'arrayPattern'; names: string[] }
  | { t: 'objectPattern'; names: string[] };

type Prop =
  | { kind: 'init'; key: string; value: Expr; computed: boolean; shorthand: boolean }
  | { kind: 'method' | 'get' | 'set'; key: string; fn: Fn }
  | { kind: 'spread'; value: Expr };

type FnStyle = 'function' | 'arrow' | 'arrowExpr' | 'async' | 'asyncArrow' | 'generator' | 'asyncGenerator';

interface Fn {
  style: FnStyle;
  name: string | null;
  params: string[];
  /** Destructured first parameter (`{ a, b }`) and a default value on the last one. */
  destructure: boolean;
  defaults: boolean;
  rest: boolean;
  body: Stmt[];
  /** The expression of an expression-bodied arrow. */
  result: Expr;
}

interface Member {
  kind: 'field' | 'method' | 'get' | 'set' | 'static' | 'staticBlock' | 'constructor';
  name: string;
  /** `#name` for fields and methods. */
  isPrivate: boolean;
  value: Expr | null;
  fn: Fn;
}

interface Cls {
  name: string;
  extendsName: string | null;
  members: Member[];
}

type DeclPattern = { t: 'name'; name: string } | { t: 'array'; names: string[] } | { t: 'object'; names: string[] };

type Stmt =
  | { t: 'decl'; kind: 'const' | 'let' | 'var'; pattern: DeclPattern; init: Expr }
  | { t: 'expr'; e: Expr }
  | { t: 'fnDecl'; fn: Fn }
  | { t: 'class'; cls: Cls }
  | { t: 'if'; test: Expr; consequent: Stmt[]; alternate: Stmt[] | null }
  | {
      t: 'loop';
      kind: 'for' | 'forOf' | 'forIn' | 'while' | 'doWhile' | 'forAwait';
      label: string | null;
      body: Stmt[];
      over: Expr;
    }
  | { t: 'block'; body: Stmt[] }
  /** Statements rendered in place, in the enclosing scope (a leak pattern's several statements). */
  | { t: 'inline'; body: Stmt[] }
  | { t: 'try'; block: Stmt[]; handler: Stmt[] | null; finalizer: Stmt[] | null; param: string | null }
  | { t: 'switch'; discriminant: Expr; cases: Stmt[][] }
  | { t: 'return'; argument: Expr | null }
  | { t: 'jump'; kind: 'break' | 'continue'; label: boolean }
  | { t: 'throw'; argument: Expr }
  | { t: 'with'; object: Expr; body: Stmt[] }
  | { t: 'export'; inner: Stmt }
  | { t: 'exportDefault'; e: Expr }
  | { t: 'import'; module: string; names: string[]; defaultName: string | null }
  | { t: 'tsType'; name: string; kind: 'interface' | 'type' | 'enum' }
  | { t: 'use-strict' };

export interface Program {
  sourceType: SourceType;
  typescript: boolean;
  /** A `'use strict'` prologue (scripts and CommonJS). */
  strict: boolean;
  body: Stmt[];
}

// ---------------------------------------------------------------------------------------------------------------
// Name pools (disjoint, so a var never clashes with a let, nor a parameter with a body declaration)

const LEXICAL = [
  'cache',
  'list',
  'seen',
  'registry',
  'timer',
  'handle',
  'intervalId',
  'emitter',
  'bus',
  'server',
  'app',
  'router',
  'state',
  'big',
  'data',
  'controller',
  'store',
  'theThing',
  'originalThing',
  'queue',
];
const VARS = ['legacy', 'counter', 'total', 'pending'];
const PARAMS = [
  'req',
  'res',
  'next',
  'event',
  'e',
  'value',
  'key',
  'item',
  'options',
  'signal',
  'cb',
  'props',
  'done',
  'err',
  'id',
  'msg',
];
const FUNCTIONS = [
  'handler',
  'onData',
  'tick',
  'start',
  'stop',
  'close',
  'destroy',
  'dispose',
  'outer',
  'inner',
  'makeSampler',
  'replaceThing',
  'useTicker',
  'Component',
  'setup',
  'teardown',
  'poll',
  'listen',
  'unused',
];
const CLASSES = ['Poller', 'Service', 'Cache', 'Widget', 'Connection'];
const GLOBALS = ['name', 'leaked', 'result', 'tmp', 'count'];
const IMPORTS: [string, string[], string | null][] = [
  ['node:events', ['EventEmitter', 'once'], 'events'],
  ['node:http', ['createServer'], 'http'],
  ['express', [], 'express'],
  ['react', ['useEffect', 'useLayoutEffect', 'useRef', 'useState'], 'React'],
  ['node:timers', ['setInterval', 'clearInterval'], 'timers'],
];
const AMBIENT = [
  'process',
  'window',
  'document',
  'globalThis',
  'console',
  'module',
  'exports',
  'require',
  'http',
  'Date',
  'Math',
  'JSON',
  'Promise',
  'Symbol',
  'undefined',
  'self',
];
const READABLE = [
  ...LEXICAL,
  ...VARS,
  ...PARAMS,
  ...FUNCTIONS,
  ...CLASSES,
  ...GLOBALS,
  ...AMBIENT,
  'EventEmitter',
  'useEffect',
  'React',
  'express',
];
const PROPERTIES = [
  'set',
  'get',
  'push',
  'add',
  'delete',
  'clear',
  'has',
  'on',
  'once',
  'off',
  'addListener',
  'addEventListener',
  'removeListener',
  'removeEventListener',
  'emit',
  'length',
  'size',
  'shift',
  'splice',
  'headers',
  'url',
  'id',
  'socket',
  'body',
  'listen',
  'use',
  'get',
  'post',
  'timer',
  'handle',
  'cache',
  'items',
  'then',
  'catch',
  'finally',
  'abort',
  'close',
  'destroy',
  'unref',
  'current',
  'fill',
  'map',
  'forEach',
  'bind',
  'call',
  'apply',
  'prototype',
  'constructor',
  'dispose',
  'signal',
  'value',
  'next',
];
const CALLEES = [
  'setInterval',
  'setTimeout',
  'clearInterval',
  'clearTimeout',
  'setImmediate',
  'queueMicrotask',
  'require',
  'useEffect',
  'useLayoutEffect',
  'useCallback',
  'useMemo',
  'Promise.resolve',
  'process.on',
  'process.once',
  'process.nextTick',
  'process.removeListener',
  'window.addEventListener',
  'document.addEventListener',
  'window.removeEventListener',
  'app.get',
  'app.use',
  'app.post',
  'router.get',
  'app.listen',
  'http.createServer',
  'server.on',
  'emitter.on',
  'emitter.off',
  'bus.on',
  'bus.emit',
  'cache.set',
  'cache.get',
  'cache.delete',
  'cache.clear',
  'list.push',
  'list.splice',
  'list.shift',
  'seen.add',
  'registry.set',
  'store.push',
  'queue.push',
  'Object.assign',
  'Array.from',
  'JSON.stringify',
  'console.log',
  'globalThis.setInterval',
  'describe',
  'it',
  'define',
  'makeSampler',
  'replaceThing',
  'handler',
  'start',
  'outer',
];
const CONSTRUCTORS = [
  'Map',
  'Set',
  'WeakMap',
  'WeakSet',
  'Array',
  'Object',
  'EventEmitter',
  'AbortController',
  'Promise',
  'Error',
  'Uint8Array',
  'WeakRef',
  'FinalizationRegistry',
];
const EVENTS = [
  'data',
  'message',
  'exit',
  'close',
  'error',
  'resize',
  'click',
  'uncaughtException',
  'SIGINT',
  'request',
  'connection',
  'end',
];
const LITERALS = [
  '0',
  '1',
  '10',
  '1000',
  '100000',
  '1e6',
  '0x10',
  '1_000',
  '1n',
  'null',
  'true',
  'false',
  "'x'",
  '"data"',
  "'/'",
  "'/users/:id'",
  '/ab+c/g',
  "'x'.repeat(1e6)",
  'new Array(1e5).fill(0)',
  'Buffer.alloc(1 << 20)',
  '[]',
  '{}',
];
const LABELS = ['outer', 'inner', 'loop', 'again'];
const MEMBER_NAMES = [
  'close',
  'destroy',
  'dispose',
  'stop',
  'start',
  'componentDidMount',
  'componentWillUnmount',
  'connectedCallback',
  'disconnectedCallback',
  'handle',
  'tick',
  'timer',
  'cache',
  'items',
  'value',
  'listeners',
  'render',
  'onMessage',
  'constructor_',
  'size',
  '[Symbol.dispose]',
];
const TS_TYPES = [
  'any',
  'unknown',
  'number',
  'string',
  'Map<string, number>',
  'NodeJS.Timeout',
  'ReturnType<typeof setInterval>',
  'Array<string>',
  '(() => void) | undefined',
  'Record<string, unknown>',
];

// ---------------------------------------------------------------------------------------------------------------
// Arbitraries

const pick = <T>(values: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...values);
const MAX_DEPTH = 4;

function build(): { program: fc.Arbitrary<Program> } {
  const exprAt: fc.Arbitrary<Expr>[] = [];
  const stmtAt: fc.Arbitrary<Stmt>[] = [];
  const fnAt: fc.Arbitrary<Fn>[] = [];
  const clsAt: fc.Arbitrary<Cls>[] = [];

  const leafExpr: fc.Arbitrary<Expr> = fc.oneof(
    { weight: 4, arbitrary: pick(READABLE).map((name): Expr => ({ t: 'id', name })) },
    { weight: 3, arbitrary: pick(LITERALS).map((text): Expr => ({ t: 'lit', text })) },
    { weight: 1, arbitrary: fc.constant<Expr>({ t: 'this' }) },
    { weight: 1, arbitrary: pick(CONSTRUCTORS).map((ctor): Expr => ({ t: 'new', ctor, args: [] })) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Expr>(
        { t: 'newTarget' },
        { t: 'importMeta' },
        { t: 'dynamicImport', source: 'node:fs' },
      ),
    },
    {
      weight: 1,
      arbitrary: pick(['timer', 'handle', 'cache', 'listeners']).map((name): Expr => ({ t: 'private', name })),
    },
  );
  const target = (expr: fc.Arbitrary<Expr>): fc.Arbitrary<Target> =>
    fc.oneof(
      {
        weight: 3,
        arbitrary: pick([...LEXICAL, ...VARS, ...GLOBALS, ...PARAMS]).map((name): Target => ({ t: 'id', name })),
      },
      {
        weight: 3,
        arbitrary: fc
          .record({ object: expr, property: pick(PROPERTIES), computed: fc.option(expr, { freq: 4 }) })
          .map((m): Target => ({ t: 'member', ...m })),
      },
      {
        weight: 1,
        arbitrary: fc
          .uniqueArray(pick(LEXICAL), { minLength: 1, maxLength: 3 })
          .map((names): Target => ({ t: 'arrayPattern', names })),
      },
      {
        weight: 1,
        arbitrary: fc
          .uniqueArray(pick(LEXICAL), { minLength: 1, maxLength: 3 })
          .map((names): Target => ({ t: 'objectPattern', names })),
      },
    );

  for (let depth = 0; depth <= MAX_DEPTH; depth++) {
    const sub = depth === 0 ? leafExpr : exprAt[depth - 1]!;
    const body: fc.Arbitrary<Stmt[]> = depth === 0 ? fc.constant([]) : fc.array(stmtAt[depth - 1]!, { maxLength: 4 });
    const fn: fc.Arbitrary<Fn> = fc.record({
      style: pick<FnStyle>([
        'function',
        'arrow',
        'arrow',
        'arrowExpr',
        'async',
        'asyncArrow',
        'generator',
        'asyncGenerator',
      ]),
      name: fc.option(pick(FUNCTIONS), { freq: 2 }),
      params: fc.uniqueArray(pick(PARAMS), { maxLength: 3 }),
      destructure: fc.boolean(),
      defaults: fc.boolean(),
      rest: fc.boolean(),
      body,
      result: sub,
    });
    fnAt.push(fn);
    const member: fc.Arbitrary<Member> = fc.record({
      kind: pick<Member['kind']>([
        'field',
        'field',
        'method',
        'method',
        'get',
        'set',
        'static',
        'staticBlock',
        'constructor',
      ]),
      name: pick(MEMBER_NAMES),
      isPrivate: fc.boolean(),
      value: fc.option(sub, { freq: 3 }),
      fn,
    });
    const cls: fc.Arbitrary<Cls> = fc.record({
      name: pick(CLASSES),
      extendsName: fc.option(pick(['EventEmitter', 'Map', 'Object', 'React.Component', 'Base']), { freq: 3 }),
      members: fc.array(member, { maxLength: depth === 0 ? 2 : 5 }),
    });
    clsAt.push(cls);
    const args = fc.array(sub, { maxLength: 3 });
    const callbackArgs = fc
      .tuple(
        fc.option(
          pick(EVENTS).map((e): Expr => ({ t: 'lit', text: `'${e}'` })),
          { freq: 2 },
        ),
        fn,
        fc.array(sub, { maxLength: 2 }),
      )
      .map(([event, callback, rest]) => [...(event ? [event] : []), { t: 'fn', fn: callback } as Expr, ...rest]);
    const calleeExpr: fc.Arbitrary<Expr> = pick(CALLEES).map((path) => {
      const [first, ...rest] = path.split('.');
      return rest.reduce<Expr>(
        (object, property) => ({ t: 'member', object, property, computed: null, optional: false }),
        { t: 'id', name: first! },
      );
    });
    const compound: fc.Arbitrary<Expr> = fc.oneof(
      {
        weight: 6,
        arbitrary: fc
          .record({
            callee: fc.oneof({ weight: 4, arbitrary: calleeExpr }, { weight: 1, arbitrary: sub }),
            args: fc.oneof(args, callbackArgs),
            optional: fc.oneof(
              { weight: 7, arbitrary: fc.constant(false) },
              { weight: 3, arbitrary: fc.constant(true) },
            ),
          })
          .map((c): Expr => ({ t: 'call', ...c })),
      },
      {
        weight: 3,
        arbitrary: fc
          .record({
            object: sub,
            property: pick(PROPERTIES),
            computed: fc.option(sub, { freq: 4 }),
            optional: fc.boolean(),
          })
          .map((m): Expr => ({ t: 'member', ...m })),
      },
      {
        weight: 3,
        arbitrary: fc
          .record({ target: target(sub), op: pick(['=', '=', '+=', '??=', '||=']), value: sub })
          .map((a): Expr => ({ t: 'assign', ...a })),
      },
      { weight: 2, arbitrary: fn.map((f): Expr => ({ t: 'fn', fn: f })) },
      { weight: 1, arbitrary: fn.map((f): Expr => ({ t: 'iife', fn: f })) },
      {
        weight: 2,
        arbitrary: fc
          .record({ ctor: pick([...CONSTRUCTORS, ...CLASSES]), args })
          .map((n): Expr => ({ t: 'new', ...n })),
      },
      {
        weight: 1,
        arbitrary: fc.record({ items: args, spread: fc.boolean() }).map((a): Expr => ({ t: 'array', ...a })),
      },
      {
        weight: 2,
        arbitrary: fc
          .array(
            fc.oneof(
              fc.record({
                kind: fc.constant('init' as const),
                key: pick([...LEXICAL, ...PROPERTIES]),
                value: sub,
                computed: fc.boolean(),
                shorthand: fc.boolean(),
              }),
              fc.record({ kind: pick(['method', 'get', 'set'] as const), key: pick(MEMBER_NAMES), fn }),
              fc.record({ kind: fc.constant('spread' as const), value: sub }),
            ),
            { maxLength: 4 },
          )
          .map((props): Expr => ({ t: 'object', props })),
      },
      {
        weight: 1,
        arbitrary: fc
          .record({
            op: pick(['+', '-', '>', '===', '&&', '||', '??', 'instanceof', 'in', '**']),
            left: sub,
            right: sub,
          })
          .map((b): Expr => ({ t: 'binary', ...b })),
      },
      {
        weight: 1,
        arbitrary: fc
          .record({ op: pick(['!', 'typeof', 'void', 'delete', '-', '++', '--']), argument: sub })
          .map((u): Expr => ({ t: 'unary', ...u })),
      },
      {
        weight: 1,
        arbitrary: fc.record({ test: sub, consequent: sub, alternate: sub }).map((c): Expr => ({ t: 'cond', ...c })),
      },
      {
        weight: 1,
        arbitrary: fc.array(sub, { minLength: 2, maxLength: 3 }).map((items): Expr => ({ t: 'seq', items })),
      },
      { weight: 1, arbitrary: sub.map((argument): Expr => ({ t: 'await', argument })) },
      {
        weight: 1,
        arbitrary: fc
          .record({ argument: fc.option(sub), delegate: fc.boolean() })
          .map((y): Expr => ({ t: 'yield', ...y })),
      },
      {
        weight: 1,
        arbitrary: fc
          .record({ tag: fc.option(sub, { freq: 2 }), parts: fc.array(sub, { maxLength: 2 }) })
          .map((x): Expr => ({ t: 'template', ...x })),
      },
      { weight: 1, arbitrary: cls.map((c): Expr => ({ t: 'classExpr', cls: c })) },
      {
        weight: 1,
        arbitrary: fc
          .record({ argument: sub, kind: pick(['as', 'nonNull', 'satisfies'] as const) })
          .map((x): Expr => ({ t: 'tsCast', ...x })),
      },
    );
    exprAt.push(
      depth === 0 ? leafExpr : fc.oneof({ weight: 2, arbitrary: leafExpr }, { weight: 5, arbitrary: compound }),
    );

    const expr = exprAt[depth]!;
    const pattern: fc.Arbitrary<DeclPattern> = fc.oneof(
      { weight: 6, arbitrary: pick(LEXICAL).map((name): DeclPattern => ({ t: 'name', name })) },
      {
        weight: 1,
        arbitrary: fc
          .uniqueArray(pick(LEXICAL), { minLength: 1, maxLength: 3 })
          .map((names): DeclPattern => ({ t: 'array', names })),
      },
      {
        weight: 1,
        arbitrary: fc
          .uniqueArray(pick(LEXICAL), { minLength: 1, maxLength: 3 })
          .map((names): DeclPattern => ({ t: 'object', names })),
      },
    );
    const leafStmt: fc.Arbitrary<Stmt> = fc.oneof(
      {
        weight: 4,
        arbitrary: fc
          .record({ kind: pick(['const', 'const', 'let'] as const), pattern, init: expr })
          .map((d): Stmt => ({ t: 'decl', ...d })),
      },
      {
        weight: 1,
        arbitrary: fc
          .record({ name: pick(VARS), init: expr })
          .map(({ name, init }): Stmt => ({ t: 'decl', kind: 'var', pattern: { t: 'name', name }, init })),
      },
      { weight: 6, arbitrary: expr.map((e): Stmt => ({ t: 'expr', e })) },
      { weight: 1, arbitrary: fc.option(expr).map((argument): Stmt => ({ t: 'return', argument })) },
      {
        weight: 1,
        arbitrary: fc
          .record({ kind: pick(['break', 'continue'] as const), label: fc.boolean() })
          .map((j): Stmt => ({ t: 'jump', ...j })),
      },
      { weight: 1, arbitrary: expr.map((argument): Stmt => ({ t: 'throw', argument })) },
      {
        weight: 1,
        arbitrary: fc
          .record({ name: pick(['Options', 'State', 'Kind']), kind: pick(['interface', 'type', 'enum'] as const) })
          .map((x): Stmt => ({ t: 'tsType', ...x })),
      },
    );
    if (depth === 0) {
      stmtAt.push(leafStmt);
      continue;
    }
    const block = fc.array(stmtAt[depth - 1]!, { minLength: 1, maxLength: 4 });
    const compoundStmt: fc.Arbitrary<Stmt> = fc.oneof(
      { weight: 3, arbitrary: fn.map((f): Stmt => ({ t: 'fnDecl', fn: { ...f, name: f.name ?? 'handler' } })) },
      { weight: 2, arbitrary: cls.map((c): Stmt => ({ t: 'class', cls: c })) },
      {
        weight: 2,
        arbitrary: fc
          .record({ test: expr, consequent: block, alternate: fc.option(block) })
          .map((x): Stmt => ({ t: 'if', ...x })),
      },
      {
        weight: 2,
        arbitrary: fc
          .record({
            kind: pick(['for', 'forOf', 'forIn', 'while', 'doWhile', 'forAwait'] as const),
            label: fc.option(pick(LABELS), { freq: 3 }),
            body: block,
            over: expr,
          })
          .map((x): Stmt => ({ t: 'loop', ...x })),
      },
      { weight: 1, arbitrary: block.map((b): Stmt => ({ t: 'block', body: b })) },
      {
        weight: 1,
        arbitrary: fc
          .record({ block, handler: fc.option(block), finalizer: fc.option(block), param: fc.option(pick(PARAMS)) })
          .map((x): Stmt => ({ t: 'try', ...x })),
      },
      {
        weight: 1,
        arbitrary: fc
          .record({ discriminant: expr, cases: fc.array(block, { minLength: 1, maxLength: 3 }) })
          .map((x): Stmt => ({ t: 'switch', ...x })),
      },
      { weight: 1, arbitrary: fc.record({ object: expr, body: block }).map((x): Stmt => ({ t: 'with', ...x })) },
      { weight: 1, arbitrary: stmtAt[depth - 1]!.map((inner): Stmt => ({ t: 'export', inner })) },
      { weight: 1, arbitrary: expr.map((e): Stmt => ({ t: 'exportDefault', e })) },
      {
        weight: 1,
        arbitrary: pick(IMPORTS)
          .chain(([module, names, defaultName]) =>
            fc.record({
              module: fc.constant(module),
              names: fc.subarray(names),
              defaultName: fc.option(fc.constant(defaultName ?? 'x')),
            }),
          )
          .map((x): Stmt => ({ t: 'import', ...x })),
      },
      { weight: 1, arbitrary: fc.constant<Stmt>({ t: 'use-strict' }) },
    );
    stmtAt.push(
      fc.oneof(
        { weight: 3, arbitrary: leafStmt },
        { weight: 2, arbitrary: compoundStmt },
        { weight: 2, arbitrary: leakPattern(stmtAt[depth - 1]!, expr) },
      ),
    );
  }

  const program = fc.record({
    sourceType: pick<SourceType>(['script', 'commonjs', 'commonjs', 'module', 'module']),
    typescript: fc.boolean(),
    strict: fc.boolean(),
    body: fc.array(stmtAt[MAX_DEPTH]!, { minLength: 1, maxLength: 10 }),
  });
  return { program };
}

// ---------------------------------------------------------------------------------------------------------------
// Leak patterns: the shapes each rule is about, with holes the generator fills (so they mix with everything else)

const id = (name: string): Expr => ({ t: 'id', name });
const lit = (text: string): Expr => ({ t: 'lit', text });
function path(dotted: string): Expr {
  const [first, ...rest] = dotted.split('.');
  return rest.reduce<Expr>(
    (object, property) => ({ t: 'member', object, property, computed: null, optional: false }),
    first === 'this' ? { t: 'this' } : id(first!),
  );
}
const call = (callee: string, ...args: Expr[]): Expr => ({ t: 'call', callee: path(callee), args, optional: false });
const stmt = (e: Expr): Stmt => ({ t: 'expr', e });
const fnOf = (style: FnStyle, params: string[], body: Stmt[], name: string | null = null): Fn => ({
  style,
  name,
  params,
  destructure: false,
  defaults: false,
  rest: false,
  body,
  result: lit('0'),
});
const fnExpr = (style: FnStyle, params: string[], body: Stmt[]): Expr => ({ t: 'fn', fn: fnOf(style, params, body) });
const constDecl = (name: string, init: Expr): Stmt => ({
  t: 'decl',
  kind: 'const',
  pattern: { t: 'name', name },
  init,
});
const assign = (target: string, value: Expr): Expr => {
  const parts = target.split('.');
  const property = parts.pop()!;
  return {
    t: 'assign',
    target:
      parts.length === 0
        ? { t: 'id', name: property }
        : { t: 'member', object: path(parts.join('.')), property, computed: null },
    op: '=',
    value,
  };
};

/** Where repeated code runs: a route, a server, an event, a tick, an exported function, a loop. */
const REPEATERS = [
  'app.get',
  'http.createServer',
  'server.on',
  'emitter.on',
  'setInterval',
  'export',
  'loop',
  'method',
] as const;

function repeated(where: (typeof REPEATERS)[number], body: Stmt[], style: FnStyle): Stmt {
  const handler = (params: string[]): Expr => fnExpr(style, params, body);
  switch (where) {
    case 'app.get':
      return stmt(call('app.get', lit("'/data'"), handler(['req', 'res'])));
    case 'http.createServer':
      return stmt(call('http.createServer', handler(['req', 'res'])));
    case 'server.on':
      return stmt(call('server.on', lit("'request'"), handler(['req', 'res'])));
    case 'emitter.on':
      return stmt(call('emitter.on', lit("'data'"), handler(['msg'])));
    case 'setInterval':
      return stmt(call('setInterval', handler([]), lit('1000')));
    case 'export':
      return {
        t: 'export',
        inner: {
          t: 'fnDecl',
          fn: fnOf(style === 'arrow' || style === 'arrowExpr' ? 'function' : style, ['req'], body, 'handler'),
        },
      };
    case 'loop':
      return { t: 'loop', kind: 'forOf', label: null, body, over: id('data') };
    case 'method':
      return {
        t: 'class',
        cls: {
          name: 'Service',
          extendsName: null,
          members: [
            { kind: 'method', name: 'handle', isPrivate: false, value: null, fn: fnOf('function', ['req'], body) },
          ],
        },
      };
  }
}

function leakPattern(body: fc.Arbitrary<Stmt[]> | fc.Arbitrary<Stmt>, expr: fc.Arbitrary<Expr>): fc.Arbitrary<Stmt> {
  const holes = fc.array(body as fc.Arbitrary<Stmt>, { maxLength: 2 });
  const style = pick<FnStyle>(['arrow', 'function', 'async', 'asyncArrow']);
  const where = pick(REPEATERS);
  const collection = fc
    .record({
      name: pick(['cache', 'list', 'seen', 'registry', 'requestLogs']),
      init: pick(['new Map()', '[]', 'new Set()', '{}', 'new WeakMap()', 'Object.create(null)']),
      grow: pick(['set', 'push', 'add', 'index', 'unshift', 'concat']),
      release: pick(['none', 'none', 'delete', 'clear', 'bounded', 'shift', 'length']),
      where,
      style,
      before: holes,
      after: holes,
      key: expr,
    })
    .map(({ name, init, grow, release, where, style, before, after, key }): Stmt => {
      const growth =
        grow === 'set'
          ? call(`${name}.set`, path('req.url'), id('req'))
          : grow === 'index'
            ? ({
                t: 'assign',
                target: { t: 'member', object: id(name), property: 'x', computed: key },
                op: '=',
                value: path('req.headers'),
              } as Expr)
            : grow === 'concat'
              ? assign(name, call(`${name}.concat`, id('req')))
              : call(`${name}.${grow}`, path('req.headers'));
      const releases: Record<string, Stmt[]> = {
        none: [],
        delete: [stmt(call(`${name}.delete`, path('req.url')))],
        clear: [stmt(call(`${name}.clear`))],
        bounded: [
          {
            t: 'if',
            test: { t: 'binary', op: '>', left: path(`${name}.size`), right: lit('100') },
            consequent: [stmt(call(`${name}.clear`))],
            alternate: null,
          },
        ],
        shift: [stmt(call(`${name}.shift`))],
        length: [stmt(assign(`${name}.length`, lit('0')))],
      };
      return {
        t: 'inline',
        body: [
          constDecl(name, lit(init)),
          repeated(where, [...before, stmt(growth), ...releases[release]!, ...after], style),
        ],
      };
    });
  const timer = fc
    .record({
      kind: pick(['setInterval', 'setInterval', 'setTimeout', 'globalThis.setInterval', 'window.setInterval']),
      store: pick(['discard', 'const', 'this', 'module']),
      cleared: fc.boolean(),
      owner: pick(['top', 'handler', 'class', 'classNoTeardown', 'effect', 'effectCleanup', 'function']),
      where,
      style,
      tick: holes,
    })
    .map(({ kind, store, cleared, owner, where, style, tick }): Stmt => {
      const start = call(kind, fnExpr(style === 'async' ? 'function' : style, [], tick), lit('1000'));
      const handleName =
        store === 'this' && (owner === 'class' || owner === 'classNoTeardown') ? 'this.timer' : 'intervalId';
      const startStmt: Stmt =
        store === 'discard'
          ? stmt(start)
          : handleName === 'this.timer'
            ? stmt(assign('this.timer', start))
            : constDecl('intervalId', start);
      const clear = stmt(
        call(
          kind.includes('Interval') ? 'clearInterval' : 'clearTimeout',
          handleName === 'this.timer' ? path('this.timer') : id('intervalId'),
        ),
      );
      switch (owner) {
        case 'top':
          return {
            t: 'inline',
            body: [
              startStmt,
              ...(cleared ? [stmt(call('process.on', lit("'SIGTERM'"), fnExpr('arrow', [], [clear])))] : []),
            ],
          };
        case 'handler':
          return repeated(where, [startStmt, ...(cleared ? [clear] : [])], style);
        case 'function':
          return {
            t: 'fnDecl',
            fn: fnOf(
              'function',
              [],
              [startStmt, ...(cleared ? [{ t: 'return', argument: fnExpr('arrow', [], [clear]) } as Stmt] : [])],
              'start',
            ),
          };
        case 'class':
        case 'classNoTeardown':
          return {
            t: 'class',
            cls: {
              name: 'Poller',
              extendsName: null,
              members: [
                { kind: 'method', name: 'start', isPrivate: false, value: null, fn: fnOf('function', [], [startStmt]) },
                ...(owner === 'class'
                  ? [
                      {
                        kind: 'method' as const,
                        name: 'stop',
                        isPrivate: false,
                        value: null,
                        fn: fnOf('function', [], cleared ? [clear] : []),
                      },
                    ]
                  : []),
              ],
            },
          };
        case 'effect':
        case 'effectCleanup': {
          const cleanup: Stmt[] =
            owner === 'effectCleanup' ? [{ t: 'return', argument: fnExpr('arrow', [], cleared ? [clear] : []) }] : [];
          return {
            t: 'fnDecl',
            fn: fnOf(
              'function',
              ['props'],
              [
                stmt(
                  call('useEffect', fnExpr('arrow', [], [startStmt, ...cleanup]), {
                    t: 'array',
                    items: [],
                    spread: false,
                  }),
                ),
              ],
              'Component',
            ),
          };
        }
        default:
          return startStmt;
      }
    });
  const listener = fc
    .record({
      target: pick([
        'process',
        'window',
        'document',
        'bus',
        'emitter',
        'req.socket',
        'this.emitter',
        'signal',
        'globalThis',
      ]),
      method: pick(['on', 'addListener', 'once', 'addEventListener', 'prependListener']),
      event: pick(EVENTS),
      named: fc.boolean(),
      removed: pick(['no', 'no', 'off', 'removeListener', 'removeEventListener', 'signal', 'once']),
      where,
      style,
      body: holes,
    })
    .map(({ target, method, event, named, removed, where, style, body }): Stmt => {
      const handler = named ? id('onData') : fnExpr(style, ['e'], body);
      const extra: Expr[] =
        removed === 'signal'
          ? [
              {
                t: 'object',
                props: [
                  { kind: 'init', key: 'signal', value: path('controller.signal'), computed: false, shorthand: false },
                ],
              },
            ]
          : removed === 'once'
            ? [lit('{ once: true }')]
            : [];
      const add = stmt({
        t: 'call',
        callee: path(`${target}.${method}`),
        args: [lit(`'${event}'`), handler, ...extra],
        optional: false,
      });
      const remove: Stmt[] =
        removed === 'off' || removed === 'removeListener' || removed === 'removeEventListener'
          ? [stmt(call(`${target}.${removed}`, lit(`'${event}'`), handler))]
          : removed === 'signal'
            ? [stmt(call('controller.abort'))]
            : [];
      const setup: Stmt[] = [
        ...(named ? [{ t: 'fnDecl', fn: fnOf('function', ['e'], body, 'onData') } as Stmt] : []),
        ...(removed === 'signal'
          ? [constDecl('controller', { t: 'new', ctor: 'AbortController', args: [] } as Expr)]
          : []),
        add,
        ...remove,
      ];
      return repeated(where, setup, style);
    });
  const closure = fc
    .record({
      shape: pick(['sampler', 'replaceThing', 'cache', 'returned']),
      size: pick(['100000', '1e6', '10']),
      style,
      keep: fc.boolean(),
      extra: holes,
    })
    .map(({ shape, size, style, keep, extra }): Stmt => {
      const big = constDecl('big', lit(`new Array(${size}).fill(0)`));
      if (shape === 'replaceThing') {
        // The Meteor shared-context leak: `unused` closes over originalThing, `someMethod` shares its context.
        return {
          t: 'inline',
          body: [
            { t: 'decl', kind: 'let', pattern: { t: 'name', name: 'theThing' }, init: lit('null') },
            {
              t: 'fnDecl',
              fn: fnOf(
                'function',
                [],
                [
                  constDecl('originalThing', id('theThing')),
                  {
                    t: 'fnDecl',
                    fn: fnOf(
                      'function',
                      [],
                      [
                        {
                          t: 'if',
                          test: id('originalThing'),
                          consequent: [stmt(call('console.log', lit("'hi'")))],
                          alternate: null,
                        },
                      ],
                      'unused',
                    ),
                  },
                  stmt(
                    assign('theThing', {
                      t: 'object',
                      props: [
                        {
                          kind: 'init',
                          key: 'longStr',
                          value: lit(`'x'.repeat(${size})`),
                          computed: false,
                          shorthand: false,
                        },
                        { kind: 'method', key: 'someMethod', fn: fnOf('function', [], extra) },
                      ],
                    }),
                  ),
                ],
                'replaceThing',
              ),
            },
            ...(keep ? [stmt(call('setInterval', id('replaceThing'), lit('1000')))] : []),
          ],
        };
      }
      const inner = fnOf(
        style,
        [],
        [{ t: 'return', argument: path('big.length') }, ...extra],
        shape === 'returned' ? null : 'inner',
      );
      return {
        t: 'inline',
        body: [
          {
            t: 'fnDecl',
            fn: fnOf('function', [], [big, { t: 'return', argument: { t: 'fn', fn: inner } }], 'makeSampler'),
          },
          ...(keep
            ? [constDecl(shape === 'cache' ? 'cache' : 'sampler', call('makeSampler'))]
            : [stmt(call('makeSampler'))]),
        ],
      };
    });
  const implicitGlobal = fc
    .record({ name: pick(GLOBALS), holes, style })
    .map(({ name, holes, style }): Stmt =>
      repeated('app.get', [...holes, stmt(assign(name, path('req.headers')))], style),
    );
  return fc.oneof(collection, timer, listener, closure, implicitGlobal);
}

/** A random program (as a tree; render it with `render`). */
export const programArbitrary: fc.Arbitrary<Program> = build().program;

// ---------------------------------------------------------------------------------------------------------------
// Rendering

interface Scope {
  /** Names declared in this block (let, const, class, function, import, catch and function parameters). */
  names: Set<string>;
}

interface Context {
  typescript: boolean;
  module: boolean;
  strict: boolean;
  /** Inside a function (return is allowed). */
  fn: boolean;
  /** Inside a non-arrow function (new.target is allowed). */
  plainFn: boolean;
  async: boolean;
  generator: boolean;
  loop: boolean;
  breakable: boolean;
  labels: string[];
  /** Labels of loops, for `continue label`. */
  loopLabels: string[];
  privateNames: Set<string> | null;
  /** Inside a class field initializer or static block: no `arguments`, no `await`. */
  classField: boolean;
  derived: boolean;
  topLevel: boolean;
  scope: Scope;
  indent: string;
}

export function render(program: Program): string {
  const module = program.sourceType === 'module';
  const ctx: Context = {
    typescript: program.typescript,
    module,
    strict: module || program.strict,
    fn: false,
    plainFn: false,
    // Top-level await in modules.
    async: module,
    generator: false,
    loop: false,
    breakable: false,
    labels: [],
    loopLabels: [],
    privateNames: null,
    classField: false,
    derived: false,
    topLevel: true,
    scope: { names: new Set() },
    indent: '',
  };
  const state = { renamed: 0 };
  const lines: string[] = [];
  if (program.strict && !module) lines.push("'use strict';");
  for (const statement of program.body) lines.push(renderStmt(statement, ctx, state));
  return `${lines.join('\n')}\n`;
}

interface RenderState {
  renamed: number;
}

function declare(name: string, ctx: Context, state: RenderState): string {
  let unique = name;
  while (ctx.scope.names.has(unique)) unique = `${name}_${++state.renamed}`;
  ctx.scope.names.add(unique);
  return unique;
}

const nested = (ctx: Context, changes: Partial<Context> = {}): Context => ({
  ...ctx,
  indent: `${ctx.indent}  `,
  topLevel: false,
  scope: { names: new Set() },
  ...changes,
});

function renderBlock(body: Stmt[], ctx: Context, state: RenderState, changes: Partial<Context> = {}): string {
  const inner = nested(ctx, changes);
  if (body.length === 0) return '{}';
  return `{\n${body.map((s) => renderStmt(s, inner, state)).join('\n')}\n${ctx.indent}}`;
}

function renderStmt(stmt: Stmt, ctx: Context, state: RenderState): string {
  return ctx.indent + renderStmtText(stmt, ctx, state);
}

function renderStmtText(stmt: Stmt, ctx: Context, state: RenderState): string {
  const e = (x: Expr): string => renderExpr(x, ctx, state);
  switch (stmt.t) {
    case 'decl': {
      const type =
        ctx.typescript && stmt.pattern.t === 'name' && stmt.init.t !== 'fn'
          ? `: ${TS_TYPES[stmt.pattern.name.length % TS_TYPES.length]}`
          : '';
      const init = e(stmt.init);
      if (stmt.kind === 'var')
        return `var ${stmt.pattern.t === 'name' ? stmt.pattern.name : 'legacy'}${type} = ${init};`;
      return `${stmt.kind} ${renderPattern(stmt.pattern, ctx, state)}${type} = ${init};`;
    }
    case 'expr':
      return `${expressionStatement(e(stmt.e))};`;
    case 'fnDecl': {
      const name = declare(stmt.fn.name ?? 'handler', ctx, state);
      // A declaration is a `function`, possibly async or a generator; arrows become functions.
      const style: FnStyle =
        stmt.fn.style === 'arrow' || stmt.fn.style === 'arrowExpr'
          ? 'function'
          : stmt.fn.style === 'asyncArrow'
            ? 'async'
            : stmt.fn.style;
      return renderFunction({ ...stmt.fn, style, name }, ctx, state, true);
    }
    case 'class':
      return renderClass(stmt.cls, ctx, state, declare(stmt.cls.name, ctx, state));
    case 'if':
      return `if (${e(stmt.test)}) ${renderBlock(stmt.consequent, ctx, state)}${stmt.alternate ? ` else ${renderBlock(stmt.alternate, ctx, state)}` : ''}`;
    case 'loop': {
      const label = stmt.label && !ctx.labels.includes(stmt.label) ? stmt.label : null;
      const inner: Partial<Context> = {
        loop: true,
        breakable: true,
        labels: label ? [...ctx.labels, label] : ctx.labels,
        loopLabels: label ? [...ctx.loopLabels, label] : ctx.loopLabels,
      };
      const prefix = label ? `${label}: ` : '';
      const over = e(stmt.over);
      const body = renderBlock(stmt.body, ctx, state, inner);
      switch (stmt.kind) {
        case 'for':
          return `${prefix}for (let i = 0; i < 10; i++) ${body}`;
        case 'forOf':
          return `${prefix}for (const item of ${paren(over)}) ${body}`;
        case 'forIn':
          return `${prefix}for (const key in ${paren(over)}) ${body}`;
        case 'while':
          return `${prefix}while (${over}) ${body}`;
        case 'doWhile':
          return `${prefix}do ${body} while (${over});`;
        case 'forAwait':
          return `${prefix}for ${ctx.async && !ctx.classField ? 'await ' : ''}(const item of ${paren(over)}) ${body}`;
      }
      break;
    }
    case 'block':
      return renderBlock(stmt.body, ctx, state);
    case 'inline':
      return stmt.body
        .map((inner, index) => (index === 0 ? renderStmtText(inner, ctx, state) : renderStmt(inner, ctx, state)))
        .join('\n');
    case 'try': {
      const handler = stmt.handler ?? (stmt.finalizer ? null : []);
      let text = `try ${renderBlock(stmt.block, ctx, state)}`;
      if (handler) {
        const inner = nested(ctx);
        const param = stmt.param ? ` (${stmt.param})` : '';
        if (stmt.param) inner.scope.names.add(stmt.param);
        text += ` catch${param} ${handler.length === 0 ? '{}' : `{\n${handler.map((s) => renderStmt(s, inner, state)).join('\n')}\n${ctx.indent}}`}`;
      }
      if (stmt.finalizer) text += ` finally ${renderBlock(stmt.finalizer, ctx, state)}`;
      return text;
    }
    case 'switch': {
      // The cases share one scope.
      const inner = nested(ctx, { breakable: true });
      const cases = stmt.cases.map((body, index) => {
        const head = index === stmt.cases.length - 1 && index > 0 ? 'default:' : `case ${index}:`;
        return `${inner.indent}${head}\n${body.map((s) => renderStmt(s, nested(inner, { scope: inner.scope }), state)).join('\n')}`;
      });
      return `switch (${e(stmt.discriminant)}) {\n${cases.join('\n')}\n${ctx.indent}}`;
    }
    case 'return':
      if (!ctx.fn || ctx.classField) return stmt.argument ? `${expressionStatement(e(stmt.argument))};` : ';';
      return stmt.argument ? `return ${e(stmt.argument)};` : 'return;';
    case 'jump': {
      if (stmt.kind === 'continue') {
        if (!ctx.loop) return ';';
        const label = stmt.label ? ctx.loopLabels.at(-1) : undefined;
        return label ? `continue ${label};` : 'continue;';
      }
      const label = stmt.label ? ctx.labels.at(-1) : undefined;
      if (label) return `break ${label};`;
      return ctx.breakable ? 'break;' : ';';
    }
    case 'throw':
      return `throw ${e(stmt.argument)};`;
    case 'with':
      if (ctx.strict || ctx.typescript) return renderBlock(stmt.body, ctx, state);
      return `with (${e(stmt.object)}) ${renderBlock(stmt.body, ctx, state)}`;
    case 'export':
      if (!ctx.module || !ctx.topLevel) return renderStmtText(stmt.inner, ctx, state);
      // Not `var`: two `export var legacy` would export one name twice.
      if (
        (stmt.inner.t === 'decl' && stmt.inner.kind !== 'var') ||
        stmt.inner.t === 'fnDecl' ||
        stmt.inner.t === 'class'
      )
        return `export ${renderStmtText(stmt.inner, ctx, state)}`;
      return renderStmtText(stmt.inner, ctx, state);
    case 'exportDefault':
      if (!ctx.module || !ctx.topLevel || ctx.scope.names.has('*default*')) return `${expressionStatement(e(stmt.e))};`;
      ctx.scope.names.add('*default*');
      return `export default ${paren(e(stmt.e))};`;
    case 'import': {
      const names = stmt.names.map((name) => {
        const local = declare(name, ctx, state);
        return local === name ? name : `${name} as ${local}`;
      });
      const defaultName = stmt.defaultName ? declare(stmt.defaultName, ctx, state) : null;
      if (ctx.module && ctx.topLevel) {
        const parts = [...(defaultName ? [defaultName] : []), ...(names.length > 0 ? [`{ ${names.join(', ')} }`] : [])];
        return parts.length === 0 ? `import '${stmt.module}';` : `import ${parts.join(', ')} from '${stmt.module}';`;
      }
      const requireNames = names.map((n) => n.replace(' as ', ': '));
      const lines = [
        ...(defaultName ? [`const ${defaultName} = require('${stmt.module}');`] : []),
        ...(requireNames.length > 0 ? [`const { ${requireNames.join(', ')} } = require('${stmt.module}');`] : []),
      ];
      return lines.length === 0 ? `require('${stmt.module}');` : lines.join(` `);
    }
    case 'tsType': {
      if (!ctx.typescript) return ';';
      const name = declare(stmt.name, ctx, state);
      if (stmt.kind === 'interface')
        return `interface ${name} { timer?: ReturnType<typeof setInterval>; cache: Map<string, unknown>; }`;
      if (stmt.kind === 'enum') return `enum ${name} { Idle, Running = 'running' }`;
      return `type ${name} = { readonly list: string[] } | null;`;
    }
    case 'use-strict':
      // Not a directive (that would make a function strict behind the renderer's back): a string that reads like one.
      return "void 'use strict';";
  }
  return ';';
}

function renderPattern(pattern: DeclPattern, ctx: Context, state: RenderState): string {
  if (pattern.t === 'name') return declare(pattern.name, ctx, state);
  const names = pattern.names.map((name) => declare(name, ctx, state));
  if (pattern.t === 'array')
    return `[${names.map((n, i) => (i === names.length - 1 && i > 0 ? `...${n}` : n)).join(', ')}]`;
  return `{ ${names.map((n, i) => (i === 0 ? `${n} = new Map()` : i === names.length - 1 ? `...${n}` : `key${i}: ${n}`)).join(', ')} }`;
}

/** An expression statement that does not start like a declaration or a block. */
function expressionStatement(text: string): string {
  return /^(?:\{|function\b|class\b|let\s*\[|async\s+function\b)/.test(text) ? `(${text})` : text;
}

const paren = (text: string): string => `(${text})`;

function renderExpr(expr: Expr, ctx: Context, state: RenderState): string {
  const e = (x: Expr): string => renderExpr(x, ctx, state);
  switch (expr.t) {
    case 'id':
      // `arguments` is not a pool name; `await` and `yield` never are.
      return expr.name;
    case 'lit':
      return expr.text;
    case 'new':
      return `new ${expr.ctor}${ctx.typescript && expr.ctor === 'Map' ? '<string, unknown>' : ''}(${expr.args.map(e).join(', ')})`;
    case 'array':
      return `[${expr.items.map((item, i) => (expr.spread && i === 0 ? `...${paren(e(item))}` : e(item))).join(', ')}]`;
    case 'object':
      return `{ ${expr.props.map((prop) => renderProp(prop, ctx, state)).join(', ')} }`;
    case 'member': {
      const object = memberObject(expr.object, ctx, state);
      const dot = expr.optional ? '?.' : '.';
      if (expr.computed) return `${object}${expr.optional ? '?.' : ''}[${e(expr.computed)}]`;
      return `${object}${dot}${expr.property}`;
    }
    case 'call': {
      const callee = memberObject(expr.callee, ctx, state);
      return `${callee}${expr.optional ? '?.' : ''}(${expr.args.map(e).join(', ')})`;
    }
    case 'fn':
      return paren(renderFunction(expr.fn, ctx, state, false));
    case 'iife':
      return `${paren(renderFunction(expr.fn, ctx, state, false))}()`;
    case 'assign':
      return paren(
        `${renderTarget(expr.target, expr.op, ctx, state)} ${expr.target.t === 'id' || expr.target.t === 'member' ? expr.op : '='} ${e(expr.value)}`,
      );
    case 'binary':
      return paren(`${paren(e(expr.left))} ${expr.op} ${paren(e(expr.right))}`);
    case 'unary': {
      const argument = e(expr.argument);
      if (expr.op === '++' || expr.op === '--')
        return expr.argument.t === 'id' && /^[a-z]/i.test(argument) && !AMBIENT.includes(argument)
          ? paren(`${expr.op}${argument}`)
          : paren(`+${paren(argument)}`);
      // `delete name` is a strict-mode error; `delete (name)` too.
      if (expr.op === 'delete' && (ctx.strict || expr.argument.t === 'id' || expr.argument.t === 'private'))
        return paren(`delete ${paren(argument)}.x`);
      return paren(`${expr.op} ${paren(argument)}`);
    }
    case 'cond':
      return paren(`${paren(e(expr.test))} ? ${paren(e(expr.consequent))} : ${paren(e(expr.alternate))}`);
    case 'seq':
      return paren(expr.items.map((item) => paren(e(item))).join(', '));
    case 'await':
      return ctx.async && !ctx.classField ? paren(`await ${paren(e(expr.argument))}`) : e(expr.argument);
    case 'yield':
      if (!ctx.generator || ctx.classField) return expr.argument ? e(expr.argument) : 'undefined';
      return paren(
        `yield${expr.delegate ? '*' : ''}${expr.argument || expr.delegate ? ` ${paren(expr.argument ? e(expr.argument) : '[]')}` : ''}`,
      );
    case 'this':
      return 'this';
    case 'newTarget':
      return ctx.plainFn ? 'new.target' : 'undefined';
    case 'importMeta':
      return ctx.module ? 'import.meta' : 'undefined';
    case 'dynamicImport':
      return `import('${expr.source}')`;
    case 'template': {
      const quasi = `\`t${expr.parts.map((part) => `\${${e(part)}} x`).join('')}\``;
      return expr.tag ? `${memberObject(expr.tag, ctx, state, true)}${quasi}` : quasi;
    }
    case 'private':
      return ctx.privateNames?.has(expr.name) ? `this.#${expr.name}` : `this.${expr.name}`;
    case 'classExpr':
      return paren(renderClass(expr.cls, ctx, state, null));
    case 'tsCast': {
      const argument = paren(e(expr.argument));
      if (!ctx.typescript) return argument;
      if (expr.kind === 'nonNull') return `${argument}!`;
      return paren(`${argument} ${expr.kind} ${expr.kind === 'as' ? 'any' : 'unknown'}`);
    }
  }
}

/**
 * An expression in the position of a member's object, a callee or a tag: parenthesised unless it is a plain name
 * or a non-optional chain of them (an optional chain cannot be a tag, and `new` in a callee changes its meaning).
 */
function memberObject(expr: Expr, ctx: Context, state: RenderState, tag = false): string {
  const text = renderExpr(expr, ctx, state);
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/.test(text) && !(tag && text.includes('?.'))) return text;
  return paren(text);
}

function renderTarget(target: Target, op: string, ctx: Context, state: RenderState): string {
  switch (target.t) {
    case 'id':
      return target.name;
    case 'member': {
      const object = memberObject(target.object, ctx, state);
      return target.computed ? `${object}[${renderExpr(target.computed, ctx, state)}]` : `${object}.${target.property}`;
    }
    case 'arrayPattern':
      return `[${target.names.join(', ')}]`;
    case 'objectPattern':
      return `{ ${target.names.join(', ')} }`;
  }
  return op;
}

function renderProp(prop: Prop, ctx: Context, state: RenderState): string {
  switch (prop.kind) {
    case 'init':
      if (prop.shorthand && !prop.computed && (LEXICAL.includes(prop.key) || PARAMS.includes(prop.key)))
        return prop.key;
      return `${prop.computed ? `[${JSON.stringify(prop.key)}]` : prop.key}: ${renderExpr(prop.value, ctx, state)}`;
    case 'spread':
      return `...${paren(renderExpr(prop.value, ctx, state))}`;
    default: {
      const fn = prop.fn;
      const key = prop.key.startsWith('[') ? prop.key : prop.key === 'constructor_' ? 'constructor' : prop.key;
      return renderMethod(prop.kind, key, fn, ctx, state);
    }
  }
}

function renderMethod(kind: 'method' | 'get' | 'set', key: string, fn: Fn, ctx: Context, state: RenderState): string {
  const isAccessor = kind !== 'method';
  const async = !isAccessor && (fn.style === 'async' || fn.style === 'asyncArrow' || fn.style === 'asyncGenerator');
  const generator = !isAccessor && (fn.style === 'generator' || fn.style === 'asyncGenerator');
  const params = kind === 'get' ? [] : kind === 'set' ? [fn.params[0] ?? 'value'] : fn.params;
  const prefix = `${kind === 'method' ? '' : `${kind} `}${async ? 'async ' : ''}${generator ? '*' : ''}`;
  const inner = functionContext(ctx, { async, generator, plain: true });
  return `${prefix}${key}(${renderParams(params, fn, inner, state, kind === 'method')}) ${renderFunctionBody(fn, inner, state)}`;
}

function functionContext(
  ctx: Context,
  { async, generator, plain }: { async: boolean; generator: boolean; plain: boolean },
): Context {
  return nested(ctx, {
    fn: true,
    plainFn: plain || ctx.plainFn,
    async,
    generator,
    loop: false,
    breakable: false,
    labels: [],
    loopLabels: [],
    classField: false,
  });
}

function renderParams(params: string[], fn: Fn, inner: Context, state: RenderState, flexible: boolean): string {
  const type = (name: string): string =>
    inner.typescript ? `: ${name === 'req' || name === 'res' ? 'any' : TS_TYPES[name.length % TS_TYPES.length]}` : '';
  const names = params.map((name) => declare(name, inner, state));
  if (!flexible || names.length === 0) return names.map((n) => `${n}${type(n)}`).join(', ');
  return names
    .map((n, i) => {
      if (i === 0 && fn.destructure) return `{ ${n} }${inner.typescript ? ': any' : ''}`;
      const last = i === names.length - 1;
      if (last && fn.rest && i > 0) return `...${n}${inner.typescript ? ': any[]' : ''}`;
      if (last && fn.defaults) return `${n}${type(n)} = {}`;
      return `${n}${type(n)}`;
    })
    .join(', ');
}

function renderFunctionBody(fn: Fn, inner: Context, state: RenderState): string {
  if (fn.body.length === 0) return inner.fn ? `{ return ${renderExpr(fn.result, inner, state)}; }` : '{}';
  const lines = fn.body.map((s) => renderStmt(s, inner, state));
  return `{\n${lines.join('\n')}\n${inner.indent.slice(2)}}`;
}

function renderFunction(fn: Fn, ctx: Context, state: RenderState, declaration: boolean): string {
  const arrow = fn.style === 'arrow' || fn.style === 'arrowExpr' || fn.style === 'asyncArrow';
  const async = fn.style === 'async' || fn.style === 'asyncArrow' || fn.style === 'asyncGenerator';
  const generator = fn.style === 'generator' || fn.style === 'asyncGenerator';
  const inner = functionContext(ctx, { async, generator, plain: !arrow });
  // Parameters with defaults or destructuring make a 'use strict' body an error: the body never has one.
  const params = renderParams(fn.params, fn, inner, state, true);
  const returnType = ctx.typescript && !generator && !async && !arrow ? ': any' : '';
  if (arrow) {
    const body =
      fn.style === 'arrowExpr'
        ? arrowExpression(renderExpr(fn.result, inner, state))
        : renderFunctionBody(fn, inner, state);
    return `${async ? 'async ' : ''}(${params}) => ${body}`;
  }
  const name = declaration ? ` ${fn.name}` : fn.name ? ` ${fn.name}` : '';
  return `${async ? 'async ' : ''}function${generator ? '*' : ''}${name}(${params})${returnType} ${renderFunctionBody(fn, inner, state)}`;
}

const arrowExpression = (text: string): string => (text.startsWith('{') ? paren(text) : text);

function renderClass(cls: Cls, ctx: Context, state: RenderState, name: string | null): string {
  // Private names: fields, methods and static fields may be private (accessors never are, so no pairs to match).
  const canBePrivate = (member: Member): boolean =>
    member.isPrivate && (member.kind === 'field' || member.kind === 'method' || member.kind === 'static');
  const plainName = (member: Member): string => member.name.replace(/\W/g, '') || 'x';
  const privateNames = new Set(cls.members.filter(canBePrivate).map(plainName));
  const classCtx = nested(ctx, { strict: true, privateNames, derived: cls.extendsName !== null });
  const fieldCtx = (): Context =>
    nested(classCtx, {
      fn: false,
      classField: true,
      async: false,
      generator: false,
      plainFn: true,
      loop: false,
      breakable: false,
      labels: [],
      loopLabels: [],
    });
  const declared = new Set<string>();
  let hasConstructor = false;
  const members: string[] = [];
  for (const member of cls.members) {
    if (member.kind === 'constructor') {
      if (hasConstructor) continue;
      hasConstructor = true;
      const inner = functionContext(classCtx, { async: false, generator: false, plain: true });
      const params =
        ctx.typescript && member.isPrivate
          ? `private readonly ${declare('bus', inner, state)}: any`
          : renderParams(member.fn.params, member.fn, inner, state, true);
      const body = member.fn.body.map((s) => renderStmt(s, inner, state));
      if (cls.extendsName) body.unshift(`${inner.indent}super();`);
      members.push(`${classCtx.indent}constructor(${params}) {\n${body.join('\n')}\n${classCtx.indent}}`);
      continue;
    }
    if (member.kind === 'staticBlock') {
      const inner = fieldCtx();
      members.push(
        `${classCtx.indent}static {\n${member.fn.body.map((s) => renderStmt(s, inner, state)).join('\n')}\n${classCtx.indent}}`,
      );
      continue;
    }
    const isPrivate = canBePrivate(member);
    const key = isPrivate ? `#${plainName(member)}` : member.name;
    if (isPrivate) {
      if (declared.has(key)) continue; // a private name is declared once
      declared.add(key);
    }
    if (member.kind === 'field' || member.kind === 'static') {
      const isStatic = member.kind === 'static';
      const modifiers = isStatic ? 'static ' : ctx.typescript && !isPrivate && !key.startsWith('[') ? 'private ' : '';
      const type = ctx.typescript ? `: ${TS_TYPES[key.length % TS_TYPES.length]}` : '';
      members.push(
        `${classCtx.indent}${modifiers}${key}${type}${member.value ? ` = ${renderExpr(member.value, fieldCtx(), state)}` : ''};`,
      );
      continue;
    }
    const kind = member.kind === 'get' || member.kind === 'set' ? member.kind : 'method';
    members.push(`${classCtx.indent}${renderMethod(kind, key, member.fn, classCtx, state)}`);
  }
  const head = `class${name ? ` ${name}` : ''}${cls.extendsName ? ` extends ${cls.extendsName}` : ''}`;
  return members.length === 0 ? `${head} {}` : `${head} {\n${members.join('\n')}\n${ctx.indent}}`;
}
