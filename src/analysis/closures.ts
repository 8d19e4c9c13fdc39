/**
 * What closures keep alive: large allocations, and the context object V8 shares between the closures of one scope.
 *
 * - Large values: allocations whose size is a known constant of at least LARGE_BYTES (`new Array(n)`, `Array(n)`,
 *   `Array.from({ length: n })`, `Array.from(Array(n).keys())`, `[...Array(n)]`, typed arrays, `new ArrayBuffer(n)`,
 *   `Buffer.alloc(n)`, `'*'.repeat(n)`, `new Array(n).join('*')`), where `n` may come through constants and through
 *   the parameters of a maker called with constants; and I/O whose size the program does not choose (file contents
 *   from `readFileSync`, an awaited `readFile`, a `readFile` callback's data; the chunks of a stream collected in an
 *   array). A size that is not a constant is not known to be large: the analysis stays silent on it.
 * - Captures: which closures created in a function capture a variable of it (the closure created directly in the
 *   function, however deeply the reference is nested in it).
 * - Shared context: V8 gives every scope that has captured variables one context object, and every closure created
 *   in that scope points to it. A closure therefore keeps every captured variable of the scopes around it alive, up
 *   to and including its enclosing function, even the ones only its siblings mention.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  calleeName,
  enclosingFunction,
  isFunction,
  propertyName,
  resolve,
  unwrap,
  type FunctionNode,
  contains,
  isNullOrUndefined,
} from './ast.js';
import { ADD_METHODS } from './listener-methods.js';

type Variable = TSESLint.Scope.Variable;

/** From this many bytes on (64 KiB; 8,192 array slots), a value is large enough to matter when it is never freed. */
const LARGE_BYTES = 64 * 1024;

/** Values the parameters of a maker have in one call: `size` is `100000` in `makeSampler(100000)`. */
export interface Bindings {
  get(variable: Variable): TSESTree.Node | undefined;
}

/** A number larger than any size that matters, standing for a parameter whose value some call could choose. */
const ANY_SIZE: TSESTree.Node = {
  type: AST_NODE_TYPES.Literal,
  value: 2 ** 30,
  raw: String(2 ** 30),
} as TSESTree.NumberLiteral;

/**
 * Bindings under which every parameter could be as large as a caller likes: a value that is not large even then is
 * not large in any call, so the costlier search for the calls that keep it can be skipped.
 */
export const ANY_CALL: Bindings = {
  get: (variable) => (variable.defs[0]?.type === 'Parameter' ? ANY_SIZE : undefined),
};

export interface LargeValue {
  /** The expression (or parameter) that creates the value. */
  node: TSESTree.Node;
  /** How messages name it: "a 10,000-element array", "the contents of a file read by `readFileSync()`". */
  description: string;
}

const TYPED_ARRAYS: Record<string, number> = {
  Int8Array: 1,
  Uint8Array: 1,
  Uint8ClampedArray: 1,
  Int16Array: 2,
  Uint16Array: 2,
  Float16Array: 2,
  Int32Array: 4,
  Uint32Array: 4,
  Float32Array: 4,
  Float64Array: 8,
  BigInt64Array: 8,
  BigUint64Array: 8,
};
const BUFFER_ALLOCATORS = new Set(['alloc', 'allocUnsafe', 'allocUnsafeSlow']);
/** Methods that give an array of the same length (or an iterator over it). */
const SAME_LENGTH_METHODS = new Set([
  'keys',
  'values',
  'entries',
  'fill',
  'map',
  'reverse',
  'sort',
  'toSorted',
  'toReversed',
  'slice',
  'with',
]);
/** Methods that keep (most of) a read file's contents in another shape. */
const CONTENT_METHODS = new Set([
  'toString',
  'split',
  'trim',
  'trimEnd',
  'trimStart',
  'slice',
  'subarray',
  'replace',
  'replaceAll',
]);
/** Bytes per slot of a plain array (a pointer or a small integer). */
const ARRAY_SLOT_BYTES = 8;
const MAX_DEPTH = 8;

type Measured =
  | { kind: 'array'; count: number }
  | { kind: 'typed'; count: number; name: string }
  | { kind: 'buffer'; count: number; name: string }
  | { kind: 'string'; count: number }
  | { kind: 'io'; description: string };

/** The large value an expression creates, or null when it is not one (or its size is unknown or small). */
export function largeValue(
  sourceCode: Readonly<TSESLint.SourceCode>,
  expression: TSESTree.Node,
  bindings: Bindings = new Map(),
): LargeValue | null {
  const measured = measure(sourceCode, expression, bindings, 0);
  if (!measured) return null;
  if (measured.kind === 'io') return { node: expression, description: measured.description };
  const bytes =
    measured.count *
    (measured.kind === 'array' ? ARRAY_SLOT_BYTES : measured.kind === 'typed' ? (TYPED_ARRAYS[measured.name] ?? 1) : 1);
  if (!(bytes >= LARGE_BYTES)) return null;
  const count = formatCount(measured.count);
  switch (measured.kind) {
    case 'array':
      return { node: expression, description: `a ${count}-element array` };
    case 'typed':
      return { node: expression, description: `a ${count}-element \`${measured.name}\`` };
    case 'buffer':
      return { node: expression, description: `a ${count}-byte ${measured.name}` };
    case 'string':
      return { node: expression, description: `a ${count}-character string` };
  }
}

/**
 * The large value a variable holds: the first large value written to it (its initialiser or an assignment), a
 * `readFile` callback's data parameter, or an array the chunks of a stream are pushed into. Null when none is known.
 */
export function largeValueOf(
  sourceCode: Readonly<TSESLint.SourceCode>,
  variable: Variable,
  bindings: Bindings = new Map(),
  written?: readonly TSESTree.Node[],
): LargeValue | null {
  const definition = variable.defs[0];
  if (!definition) return null;
  if (definition.type === 'Parameter') {
    return isFileDataParameter(variable)
      ? { node: definition.name, description: 'the contents of a file read by `readFile()`' }
      : null;
  }
  if (definition.type !== 'Variable') return null;
  // `written`: the variable's writtenValues(), when the caller has them already.
  for (const value of written ?? writtenValues(variable)) {
    const found = largeValue(sourceCode, value, bindings);
    if (found) return found;
  }
  const init = definition.node.init && unwrap(definition.node.init);
  if (
    init?.type === AST_NODE_TYPES.ArrayExpression &&
    init.elements.length === 0 &&
    collectsChunks(sourceCode, variable)
  ) {
    return { node: init, description: 'the chunks read from a stream' };
  }
  return null;
}

/** Everything assigned to a variable: its initialiser and the right-hand sides of plain assignments. */
export function writtenValues(variable: Variable): TSESTree.Node[] {
  const values: TSESTree.Node[] = [];
  for (const reference of variable.references) {
    const written = reference.writeExpr;
    if (!written || !reference.isWrite()) continue;
    const parent = reference.identifier.parent;
    // Only `x = value` and `let x = value`: not `x += …`, destructuring, or a `for (const x of list)` item.
    const plain =
      (parent?.type === AST_NODE_TYPES.VariableDeclarator &&
        parent.id === reference.identifier &&
        parent.init === written) ||
      (parent?.type === AST_NODE_TYPES.AssignmentExpression &&
        parent.operator === '=' &&
        parent.left === reference.identifier &&
        parent.right === written);
    if (plain) values.push(written);
  }
  return values;
}

/** Whether the variable is let go somewhere: set to `null` or `undefined` after it is created (`originalThing = null`). */
export function isResetToNullish(variable: Variable): boolean {
  return variable.references.some(
    (reference) =>
      !reference.init &&
      reference.isWrite() &&
      reference.writeExpr !== null &&
      reference.writeExpr !== undefined &&
      isNullOrUndefined(reference.writeExpr),
  );
}

/** What the parameters of the function a call invokes are bound to in that call (defaults where an argument is missing). */
export function parameterBindings(
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression,
): Map<Variable, TSESTree.Node> {
  const bindings = new Map<Variable, TSESTree.Node>();
  const callee = unwrap(call.callee);
  const variable = callee.type === AST_NODE_TYPES.Identifier ? resolve(sourceCode, callee) : null;
  const definition = variable?.defs.length === 1 ? variable.defs[0]?.node : undefined;
  const fn = isFunction(definition)
    ? definition
    : definition?.type === AST_NODE_TYPES.VariableDeclarator && definition.init && isFunction(unwrap(definition.init))
      ? (unwrap(definition.init) as FunctionNode)
      : null;
  if (!fn) return bindings;
  const parameters = sourceCode.getDeclaredVariables(fn);
  fn.params.forEach((parameter, index) => {
    const name = parameter.type === AST_NODE_TYPES.AssignmentPattern ? parameter.left : parameter;
    if (name.type !== AST_NODE_TYPES.Identifier) return;
    const argument = call.arguments[index];
    if (call.arguments.slice(0, index + 1).some((a) => a.type === AST_NODE_TYPES.SpreadElement)) return;
    const value = argument ?? (parameter.type === AST_NODE_TYPES.AssignmentPattern ? parameter.right : undefined);
    const bound = parameters.find((v) => v.name === name.name);
    if (value && bound) bindings.set(bound, value);
  });
  return bindings;
}

/** A closure created in a function that mentions one of its variables. */
export interface Capture {
  /** The closure created directly in the variable's function (the reference may sit in a function nested in it). */
  closure: FunctionNode;
  /** The identifier that mentions the variable. */
  reference: TSESTree.Identifier | TSESTree.JSXIdentifier;
}

const capturedByFile = new WeakMap<TSESTree.Node, Set<Variable>>();

/**
 * The variables of functions that a nested function (or class field initialiser) mentions, among those that can hold
 * a value these rules report: `var`/`let`/`const` declarations, and a `readFile` callback's data parameter (not other
 * parameters, nor function or class names, whose references are not even read). Captured means a reference made from
 * another variable scope. Linear in the references of those variables (a scope's `through` list would repeat a global
 * name at every level of nesting it passes; measured on the corpus, this is also the cheapest of the three ways).
 * Cached per AST: no-leaked-closure and no-unbounded-collection both start from it.
 */
export function capturedVariables(sourceCode: Readonly<TSESLint.SourceCode>): ReadonlySet<Variable> {
  const known = capturedByFile.get(sourceCode.ast);
  if (known) return known;
  const captured = new Set<Variable>();
  capturedByFile.set(sourceCode.ast, captured);
  const scopes = sourceCode.scopeManager?.scopes ?? [];
  // A reference from another variable scope comes from one nested in the variable's scope: a scope with none nested
  // (most are, as most functions create no closure) has no captured variable, and its variables need not be read.
  const enclosing = new Set<TSESLint.Scope.Scope>();
  for (const scope of scopes) {
    if (scope.variableScope !== scope) continue;
    for (let upper = scope.upper; upper && !enclosing.has(upper); upper = upper.upper) enclosing.add(upper);
  }
  for (const scope of scopes) {
    if (!enclosing.has(scope)) continue;
    const own = scope.variableScope;
    if (!isFunction(own.block)) continue;
    for (const variable of scope.variables) {
      const kind = variable.defs[0]?.type;
      if (kind !== 'Variable' && !(kind === 'Parameter' && isFileDataParameter(variable))) continue;
      for (const reference of variable.references) {
        if (reference.from.variableScope === own) continue;
        captured.add(variable);
        break;
      }
    }
  }
  return captured;
}

/**
 * The closures that capture a variable of a function (or of a block in it): every reference made from a nested
 * function, attributed to the closure that function creates directly. Empty for module-level variables.
 */
export function capturesOf(variable: Variable): Capture[] {
  const owner = variable.scope.variableScope.block;
  if (!isFunction(owner)) return [];
  const captures: Capture[] = [];
  for (const reference of variable.references) {
    if (reference.from.variableScope === variable.scope.variableScope) continue;
    let closure = enclosingFunction(reference.identifier);
    while (closure && enclosingFunction(closure) !== owner) closure = enclosingFunction(closure);
    if (closure && closure !== owner) captures.push({ closure, reference: reference.identifier });
  }
  return captures;
}

/** A variable a closure keeps only because a sibling closure captures it. */
export interface SharedCapture {
  variable: Variable;
  /** The sibling closures that capture it (created in the same function, not inside the closure itself). */
  capturedBy: FunctionNode[];
}

/**
 * The variables a closure keeps through the context it shares with its siblings: those of the scopes around it (up to
 * and including its enclosing function) that another closure of that function captures and the closure itself never
 * uses, neither by name nor through a sibling function it calls (`run: () => callPrevious()`). In source order of
 * their declarations.
 */
export function sharedContextOf(sourceCode: Readonly<TSESLint.SourceCode>, closure: FunctionNode): SharedCapture[] {
  const owner = enclosingFunction(closure);
  if (!owner) return [];
  const used = functionsUsedBy(sourceCode, closure, owner);
  const shared: SharedCapture[] = [];
  for (let scope = sourceCode.getScope(closure).upper; scope; scope = scope.upper) {
    for (const variable of scope.variables) {
      if (variable.defs.length === 0) continue;
      const captures = capturesOf(variable);
      if (captures.length === 0 || captures.some((capture) => used.some((fn) => contains(fn, capture.reference))))
        continue;
      const capturedBy = [...new Set(captures.map((capture) => capture.closure))];
      if (capturedBy.includes(closure)) continue;
      shared.push({ variable, capturedBy });
    }
    if (scope.block === owner) break;
  }
  return shared.sort((a, b) => (a.variable.defs[0]?.name.range[0] ?? 0) - (b.variable.defs[0]?.name.range[0] ?? 0));
}

/** The closure and the functions of `owner` it uses by name, transitively (`const callPrevious = () => prev()`). */
function functionsUsedBy(
  sourceCode: Readonly<TSESLint.SourceCode>,
  closure: FunctionNode,
  owner: FunctionNode,
): FunctionNode[] {
  const used: FunctionNode[] = [closure];
  for (let index = 0; index < used.length; index++) {
    const fn = used[index];
    if (!fn) break;
    for (const reference of sourceCode.getScope(fn).through) {
      const definition = reference.resolved?.defs.length === 1 ? reference.resolved.defs[0] : undefined;
      const node =
        definition?.type === 'FunctionName'
          ? definition.node
          : definition?.type === 'Variable' && definition.node.init
            ? unwrap(definition.node.init)
            : null;
      if (isFunction(node) && contains(owner, node) && node !== owner && !used.includes(node)) used.push(node);
    }
  }
  return used;
}

/** The numeric value of a constant expression (literals, arithmetic, `const` names, bound parameters), or null. */
export function constantNumber(
  sourceCode: Readonly<TSESLint.SourceCode>,
  expression: TSESTree.Node,
  bindings: Bindings = new Map(),
  depth = 0,
): number | null {
  if (depth > MAX_DEPTH) return null;
  const node = unwrap(expression);
  const next = (n: TSESTree.Node) => constantNumber(sourceCode, n, bindings, depth + 1);
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
      return typeof node.value === 'number' ? node.value : null;
    case AST_NODE_TYPES.UnaryExpression: {
      const value = node.operator === '-' || node.operator === '+' ? next(node.argument) : null;
      return value === null ? null : node.operator === '-' ? -value : value;
    }
    case AST_NODE_TYPES.BinaryExpression: {
      if (node.left.type === AST_NODE_TYPES.PrivateIdentifier) return null;
      const left = next(node.left);
      const right = left === null ? null : next(node.right);
      if (left === null || right === null) return null;
      return arithmetic(node.operator, left, right);
    }
    case AST_NODE_TYPES.Identifier: {
      const variable = resolve(sourceCode, node);
      if (!variable) return null;
      const bound = bindings.get(variable);
      // An argument is evaluated where the call is: the maker's own bindings do not apply to it.
      if (bound) return constantNumber(sourceCode, bound, new Map(), depth + 1);
      const definition = variable.defs[0];
      if (
        variable.defs.length !== 1 ||
        definition?.type !== 'Variable' ||
        definition.parent?.kind !== 'const' ||
        !definition.node.init
      )
        return null;
      return definition.node.id === definition.name ? next(definition.node.init) : null;
    }
    default:
      return null;
  }
}

function arithmetic(operator: string, left: number, right: number): number | null {
  switch (operator) {
    case '+':
      return left + right;
    case '-':
      return left - right;
    case '*':
      return left * right;
    case '/':
      return left / right;
    case '**':
      return left ** right;
    case '<<':
      return left << right;
    case '>>':
      return left >> right;
    case '|':
      return left | right;
    default:
      return null;
  }
}

/** Size and kind of what an expression allocates, when it is one of the recognised allocations with a known size. */
function measure(
  sourceCode: Readonly<TSESLint.SourceCode>,
  expression: TSESTree.Node,
  bindings: Bindings,
  depth: number,
): Measured | null {
  if (depth > MAX_DEPTH) return null;
  const node = unwrap(expression);
  // Only these can allocate. Most expressions leave here, before measureAllocation makes its helpers.
  if (
    node.type !== AST_NODE_TYPES.AwaitExpression &&
    node.type !== AST_NODE_TYPES.ArrayExpression &&
    node.type !== AST_NODE_TYPES.NewExpression &&
    node.type !== AST_NODE_TYPES.CallExpression
  )
    return null;
  return measureAllocation(sourceCode, node, bindings, depth);
}

function countOf(
  sourceCode: Readonly<TSESLint.SourceCode>,
  bindings: Bindings,
  n: TSESTree.Node | undefined,
): number | null {
  return n && n.type !== AST_NODE_TYPES.SpreadElement ? constantNumber(sourceCode, n, bindings) : null;
}

const known = (n: number | null): n is number => n !== null && n >= 0 && Number.isFinite(n);
const sized = (kind: 'array' | 'string', n: number | null): Measured | null => (known(n) ? { kind, count: n } : null);
const sizedNamed = (kind: 'typed' | 'buffer', n: number | null, name: string): Measured | null =>
  known(n) ? { kind, count: n, name } : null;

function measureAllocation(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.AwaitExpression | TSESTree.ArrayExpression | TSESTree.NewExpression | TSESTree.CallExpression,
  bindings: Bindings,
  depth: number,
): Measured | null {
  // Module-level helpers, not closures made on each call: most calls measured here allocate nothing.

  if (node.type === AST_NODE_TYPES.AwaitExpression) {
    const awaited = unwrap(node.argument);
    return awaited.type === AST_NODE_TYPES.CallExpression && calleeName(awaited) === 'readFile'
      ? { kind: 'io', description: 'the contents of a file read by `readFile()`' }
      : null;
  }
  if (node.type === AST_NODE_TYPES.ArrayExpression) {
    const [only] = node.elements;
    if (node.elements.length !== 1 || only?.type !== AST_NODE_TYPES.SpreadElement) return null;
    const spread = measure(sourceCode, only.argument, bindings, depth + 1);
    return spread?.kind === 'array' || spread?.kind === 'typed' ? { kind: 'array', count: spread.count } : null;
  }
  const callee = unwrap(node.callee);
  const args = node.arguments;

  if (callee.type === AST_NODE_TYPES.Identifier) {
    if (callee.name === 'Array' && args.length === 1) return sized('array', countOf(sourceCode, bindings, args[0]));
    if (node.type === AST_NODE_TYPES.NewExpression && callee.name in TYPED_ARRAYS && args.length === 1)
      return sizedNamed('typed', countOf(sourceCode, bindings, args[0]), callee.name);
    if (
      node.type === AST_NODE_TYPES.NewExpression &&
      (callee.name === 'ArrayBuffer' || callee.name === 'SharedArrayBuffer')
    )
      return sizedNamed('buffer', countOf(sourceCode, bindings, args[0]), `\`${callee.name}\``);
    if (node.type === AST_NODE_TYPES.CallExpression && callee.name === 'readFileSync')
      return { kind: 'io', description: 'the contents of a file read by `readFileSync()`' };
    if (node.type === AST_NODE_TYPES.CallExpression && callee.name === 'String' && args[0]) {
      const converted = measure(sourceCode, args[0], bindings, depth + 1);
      return converted?.kind === 'io' ? converted : null;
    }
    return null;
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression || node.type !== AST_NODE_TYPES.CallExpression) return null;
  const method = propertyName(callee);
  const object = unwrap(callee.object);
  const owner = object.type === AST_NODE_TYPES.Identifier ? object.name : null;
  if (method === null) return null;

  if (owner === 'Buffer' && BUFFER_ALLOCATORS.has(method))
    return sizedNamed('buffer', countOf(sourceCode, bindings, args[0]), 'buffer');
  if (owner === 'Buffer' && method === 'concat' && args[0]?.type === AST_NODE_TYPES.Identifier) {
    const chunks = resolve(sourceCode, args[0]);
    return chunks && collectsChunks(sourceCode, chunks)
      ? { kind: 'io', description: 'the chunks read from a stream' }
      : null;
  }
  if (owner === 'Array' && method === 'from' && args[0] && args[0].type !== AST_NODE_TYPES.SpreadElement) {
    const source = unwrap(args[0]);
    if (source.type === AST_NODE_TYPES.ObjectExpression) {
      const length = source.properties.find(
        (p): p is TSESTree.Property =>
          p.type === AST_NODE_TYPES.Property &&
          !p.computed &&
          p.key.type === AST_NODE_TYPES.Identifier &&
          p.key.name === 'length',
      );
      return length ? sized('array', countOf(sourceCode, bindings, length.value)) : null;
    }
    const from = measure(sourceCode, source, bindings, depth + 1);
    return from?.kind === 'array' || from?.kind === 'typed' ? { kind: 'array', count: from.count } : null;
  }
  if (method === 'readFileSync') return { kind: 'io', description: 'the contents of a file read by `readFileSync()`' };
  if (method === 'repeat' && args.length === 1) {
    const times = countOf(sourceCode, bindings, args[0]);
    const text =
      object.type === AST_NODE_TYPES.Literal && typeof object.value === 'string'
        ? object.value.length
        : object.type === AST_NODE_TYPES.TemplateLiteral
          ? null
          : 1;
    return times === null || text === null ? null : sized('string', times * text);
  }

  const receiver = measure(sourceCode, object, bindings, depth + 1);
  if (!receiver) return null;
  if (receiver.kind === 'io') return CONTENT_METHODS.has(method) ? receiver : null;
  if (method === 'join' && (receiver.kind === 'array' || receiver.kind === 'typed')) {
    const separator = args[0] ? unwrap(args[0]) : null;
    const width =
      separator === null
        ? 1
        : separator.type === AST_NODE_TYPES.Literal && typeof separator.value === 'string'
          ? separator.value.length
          : 1;
    return { kind: 'string', count: Math.max(receiver.count - 1, 0) * width };
  }
  if (SAME_LENGTH_METHODS.has(method) && (receiver.kind === 'array' || receiver.kind === 'typed')) {
    if (method === 'slice' && args.length > 0) return null;
    return receiver.kind === 'typed' && method !== 'keys' && method !== 'entries'
      ? receiver
      : { kind: 'array', count: receiver.count };
  }
  return null;
}

/** `(err, data) => …` passed to `readFile(path, cb)` or `readFile(path, options, cb)`: `data` is a whole file. */
function isFileDataParameter(variable: Variable): boolean {
  const definition = variable.defs[0];
  const fn = definition?.node;
  if (!isFunction(fn) || fn.params[1] !== definition?.name) return false;
  const call = fn.parent;
  return (
    call?.type === AST_NODE_TYPES.CallExpression && call.arguments.at(-1) === fn && calleeName(call) === 'readFile'
  );
}

/** An array the chunks of a stream are pushed into: `stream.on('data', (chunk) => chunks.push(chunk))`, `for await`. */
function collectsChunks(sourceCode: Readonly<TSESLint.SourceCode>, variable: Variable): boolean {
  return variable.references.some((reference) => {
    const member = reference.identifier.parent;
    const call = member?.parent;
    if (
      member?.type !== AST_NODE_TYPES.MemberExpression ||
      member.object !== reference.identifier ||
      propertyName(member) !== 'push'
    )
      return false;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) return false;
    const pushed = call.arguments[0] && unwrap(call.arguments[0]);
    if (pushed?.type !== AST_NODE_TYPES.Identifier) return false;
    const chunk = resolve(sourceCode, pushed);
    const definition = chunk?.defs[0];
    if (definition?.type === 'Variable') {
      const loop = definition.parent?.parent;
      return loop?.type === AST_NODE_TYPES.ForOfStatement && loop.await && loop.left === definition.parent;
    }
    if (
      definition?.type !== 'Parameter' ||
      !isFunction(definition.node) ||
      definition.node.params[0] !== definition.name
    )
      return false;
    const listen = definition.node.parent;
    if (listen?.type !== AST_NODE_TYPES.CallExpression || listen.arguments[1] !== definition.node) return false;
    const event = listen.arguments[0];
    const listenCallee = unwrap(listen.callee);
    return (
      event?.type === AST_NODE_TYPES.Literal &&
      event.value === 'data' &&
      listenCallee.type === AST_NODE_TYPES.MemberExpression &&
      ADD_METHODS.has(propertyName(listenCallee) ?? '')
    );
  });
}

/** One formatter for every message: `toLocaleString()` builds an ICU formatter on each call. */
const COUNT_FORMAT = new Intl.NumberFormat('en-US');

function formatCount(count: number): string {
  return COUNT_FORMAT.format(Math.round(count));
}
