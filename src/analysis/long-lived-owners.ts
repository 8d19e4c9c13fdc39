/**
 * Long-lived owners: classes (and ES5 constructor functions) whose instances live as long as the program does, so
 * that their fields (`this.clients`, `this[kClients]`) are long-lived state.
 *
 * An owner is long-lived when the file shows one of:
 * - it holds a server, a socket or an interval in a field (`this.server = http.createServer(…)`);
 * - it registers listeners on other objects that call back into it (`server.on('upgrade', (s) => this.add(s))`):
 *   the other object keeps it alive, and the listener drives it per connection, message or packet;
 * - it extends an emitter, server or stream (`extends EventEmitter`, `util.inherits(Foo, EventEmitter)`) and has a
 *   connect/listen/close lifecycle;
 * - an instance is created at module top level or exported (`module.exports = new Registry()`).
 *
 * For each owner this module also knows its methods (computed keys `[kClose]` by their constant's name), its fields
 * and every expression that names them (through `const self = this`), which methods run once per unit of work
 * (bound as listeners, called from listeners, named as handlers or as per-request work), what tears it down
 * (`close()`, `destroy()` and the methods they call) and which of its code runs when a connection is abandoned
 * (`onclose()`, a `close`/`error`/`timeout` listener).
 */
import { askText, isIdentifierCode, isSpaceCode, startsWordEndingAt } from './text-tests.js';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  calleeName,
  enclosingFunction,
  fileNodes,
  fileFunctions,
  fileNodesOfType,
  isModuleScope,
  isFunction,
  memberKey,
  propertyName,
  resolve,
  someDescendant,
  staticPath,
  unwrap,
  type FunctionNode,
} from './ast.js';
import { ADD_METHODS, ONCE_METHODS } from './listener-methods.js';
import { classifyCollectionUse, collectionKind, type GrowthSite } from './collections.js';
import { functionOwner, OWNER_END_METHODS, thisOwner, type ThisOwner } from './owners.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Calls that make a server, a connection or an interval: an owner that keeps one runs as long as it does. */
const LONG_LIVED_HANDLE =
  /^(create(Server|SecureServer|Connection|Client|Socket|Pool)|connect|listen|setInterval|Server|WebSocket|WebSocketServer|Socket|Worker|Agent)$/;
/** Calls that register a callback run per connection, message or tick. */
const REGISTRATIONS = new Set([...ADD_METHODS, 'subscribe', 'createServer', 'createSecureServer', 'setInterval']);
/** Events of one stream read to its end: an object made per message or request listens to those too. */
const STREAM_EVENTS = new Set([
  'data',
  'readable',
  'end',
  'finish',
  'prefinish',
  'close',
  'error',
  'drain',
  'pipe',
  'unpipe',
  'response',
  'timeout',
  'abort',
  'exit',
]);
/** Bases with events, or servers and streams: with a connect/listen/close lifecycle they are long-lived services. */
const SERVICE_BASE_NAMES = 'Emitter|EventTarget|Server|Socket|Duplex|Stream|Client|Agent|Dispatcher|Adapter|Pool';
const SERVICE_BASE = new RegExp(`(${SERVICE_BASE_NAMES})$`);
const LIFECYCLE_METHODS = new Set(['listen', 'connect', 'close', 'disconnect', 'open', 'reconnect', 'shutdown']);
/** Handlers of a connection's opening and closing: an owner with both outlives each connection. */
const OPEN_HANDLER = /^_?(?:on|handle)_?(?:open|connect|reconnect)$/i;
const CLOSE_HANDLER = /^_?(?:on|handle)_?(?:close|disconnect)$/i;
/** Handler names: `onMessage`, `_onConnection`, `handlePacket`, `onack`. */
const HANDLER_NAME = /^_?(?:on|handle)(?:[A-Z_$]|[a-z]{3,}$)/;
/** Methods that do one unit of work per call: a request, a command, a message. */
const WORK_NAME =
  /^_?(?:send|write|request|dispatch|query|exec|execute|publish|enqueue|addQueue|queue|broadcast|notify|schedule|submit|track|record)(?:[A-Z_$\d]|$)/;
/** Events (and handler names) that end a connection or an operation without its normal outcome. */
const ABANDON_EVENT = /^(close|disconnect|end|error|timeout|abort|aborted|destroy|reset|hangup)$/i;
const ABANDON_HANDLER = /^_?(?:on|handle)_?(close|disconnect|end|error|timeout|abort|destroy|reset)(?:ed)?$/i;

export interface LongLivedOwner {
  owner: ThisOwner;
  /** `Hub`, or `the class` for an anonymous one. */
  name: string;
  /** Why its instances live on, as a clause: "holds the server it creates", "is exported as an instance". */
  why: string;
}

export interface OwnerField {
  /** `peers`, or `[kClients]` for a computed key. */
  key: string;
  /** How messages name it: `this.peers`, `this[kClients]`. */
  display: string;
  /** Every member expression that names the field on this owner (`this.peers`, `self.peers`). */
  uses: TSESTree.MemberExpression[];
  /** A class field's initial value (`peers = []`), if any. */
  fieldValue: TSESTree.Node | null;
}

export interface OwnerIndex {
  owner: ThisOwner;
  name: string;
  /** Methods by name, constructors as `constructor`. */
  methods: Map<string, FunctionNode>;
  fields: Map<string, OwnerField>;
}

interface FileOwners {
  owners: Map<ThisOwner, OwnerIndex>;
  /**
   * The keys some field is set to a collection under (`this.x = []`, `this.x ||= new Map()`, a class field
   * `x = new Set()`): a field with another key is never a collection, so its uses need no classifying.
   */
  readonly collectionKeys: ReadonlySet<string>;
  /** `this.m(…)` and `self.m(…)` calls, by owner and method name. */
  readonly calls: Map<ThisOwner, Map<string, TSESTree.CallExpression[]>>;
  /** `this.m`, `this.m.bind(this)` handed to a call as a callback, by owner and method name. */
  readonly handedOver: Map<ThisOwner, Map<string, TSESTree.CallExpression[]>>;
  /**
   * Member expressions on other objects, by key (`client[kQueue]`, `pool.queue`): the same field of an instance the
   * file reaches through a variable, which this index cannot tell from another object's.
   */
  foreign(key: string): readonly TSESTree.MemberExpression[];
}

const files = new WeakMap<TSESTree.Node, FileOwners>();

/** The owner `this` (or an alias of it) denotes at `node`, when it is a class or constructor function of this file. */
function ownerOfThis(
  sourceCode: SourceCode,
  node: TSESTree.Node,
  aliases: ReadonlySet<string>,
  byFunction: Map<TSESTree.Node, ThisOwner | null>,
): ThisOwner | null {
  const object = unwrap(node);
  let owner: ThisOwner | null = null;
  if (object.type === AST_NODE_TYPES.ThisExpression) owner = cachedThisOwner(sourceCode, object, byFunction);
  else if (object.type === AST_NODE_TYPES.Identifier && aliases.has(object.name)) {
    const variable = resolve(sourceCode, object);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    const init = definition?.type === 'Variable' ? definition.node.init : null;
    if (init && unwrap(init).type === AST_NODE_TYPES.ThisExpression) owner = thisOwner(sourceCode, init);
  }
  if (!owner) return null;
  // Classes (by their variable or node) and constructor functions; not object literals or plain functions.
  if (!('type' in owner)) return owner;
  return owner.type === AST_NODE_TYPES.ClassDeclaration || owner.type === AST_NODE_TYPES.ClassExpression ? owner : null;
}

/** `thisOwner`, computed once per function: a class has many `this.x` in each method. */
function cachedThisOwner(
  sourceCode: SourceCode,
  node: TSESTree.Node,
  byFunction: Map<TSESTree.Node, ThisOwner | null>,
): ThisOwner | null {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ArrowFunctionExpression) continue;
    if (isFunction(current)) {
      if (byFunction.has(current)) return byFunction.get(current) ?? null;
      const owner = functionOwner(sourceCode, current);
      byFunction.set(current, owner);
      return owner;
    }
    if (current.type === AST_NODE_TYPES.PropertyDefinition || current.type === AST_NODE_TYPES.StaticBlock) break;
  }
  return thisOwner(sourceCode, node);
}

/**
 * Whether the file can hold an owner's collection: a field set to one (`this.x = []`, `self[k] = new Map()`, a class
 * field `clients = new Set()`). A text test, so that most files skip the owner analysis.
 */
export function mayHoldOwnerCollections(text: string): boolean {
  return askText(text, growsFieldCollectionText);
}
const growsFieldCollectionText = (text: string): boolean =>
  text.includes('this') &&
  writesGrowthOnField(text) &&
  (OWNER_COLLECTION_TEXT.test(text) || CLASS_FIELD_COLLECTION_TEXT.test(text));

/**
 * Growth written on a field: `this.x.push(`, `self[k].set(`, `this.x[k] =`, `this.x[k].push(`, `concat`, a spread.
 * The growth is found first and the field before it read backwards, which is the same test as one regular expression
 * that starts at every `this`, `self` or `me` but half its cost.
 */
export function writesGrowthOnField(text: string): boolean {
  if (SPREAD_FIELD_TEXT.test(text)) return true;
  GROWTH_TEXT.lastIndex = 0;
  for (let match = GROWTH_TEXT.exec(text); match; match = GROWTH_TEXT.exec(text)) {
    if (fieldEndsAt(text, match.index)) return true;
    GROWTH_TEXT.lastIndex = match.index + 1; // growth may start inside a match (`x[this.a.push(y)] = 1`)
  }
  return false;
}
const SPREAD_FIELD_TEXT = /\.\.\.\s*(?:this|self)\s*\./;
const GROWTH_TEXT =
  /\.\s*(?:push|unshift|set|add|splice|concat|get\s*\([^)]*\)\s*\.\s*(?:push|add|set))\s*\(|\[[^\]\n]+\]\s*(?:=[^=]|\.\s*(?:push|unshift|add|set)\s*\(|\[)/g;
const FIELD_RECEIVERS = ['this', 'self', 'that', '_this', '_self', 'me', 'instance'];

/** Whether `this.x`, `self[k]` (a receiver word, a member, spaces between) ends at `end`. */
function fieldEndsAt(text: string, end: number): boolean {
  // Char codes, not one-character strings tested by regular expressions: this runs at every growth in the text.
  let memberEnd = end;
  while (memberEnd > 0 && isSpaceCode(text.charCodeAt(memberEnd - 1))) memberEnd--;
  let memberStart: number;
  if (text.charCodeAt(memberEnd - 1) === CLOSE_BRACKET) {
    let open = memberEnd - 2; // `[key]` with key of word characters, `$` and dots
    while (open >= 0 && (isIdentifierCode(text.charCodeAt(open)) || text.charCodeAt(open) === DOT)) open--;
    if (open === memberEnd - 2 || text.charCodeAt(open) !== OPEN_BRACKET) return false;
    memberStart = open;
  } else {
    let name = memberEnd; // `.name` with spaces allowed after the dot
    while (name > 0 && (isIdentifierCode(text.charCodeAt(name - 1)) || text.charCodeAt(name - 1) === HASH)) name--;
    if (name === memberEnd) return false;
    let dot = name;
    while (dot > 0 && isSpaceCode(text.charCodeAt(dot - 1))) dot--;
    if (text.charCodeAt(dot - 1) !== DOT) return false;
    memberStart = dot - 1;
  }
  let receiverEnd = memberStart;
  while (receiverEnd > 0 && isSpaceCode(text.charCodeAt(receiverEnd - 1))) receiverEnd--;
  return FIELD_RECEIVERS.some((word) => startsWordEndingAt(text, receiverEnd, word));
}
const [HASH, DOT, OPEN_BRACKET, CLOSE_BRACKET] = ['#', '.', '[', ']'].map((char) => char.charCodeAt(0));
/** `this.x = []`, `self[k] ||= new Map()`: a field set to a collection, on any of the receivers above. */
const OWNER_COLLECTION_TEXT = new RegExp(
  String.raw`\b(?:${FIELD_RECEIVERS.join('|')})\s*(?:\.\s*[\w$#]+|\[[\w$.]+\])\s*(?:=|\|\|=|\?\?=)\s*` +
    String.raw`(?:[\w$.]+\s*(?:\|\||\?\?)\s*)?(?:\[|\{|new\s+(?:Map|Set|Array)\b|Object\.create\(\s*null)`,
);
const CLASS_FIELD_COLLECTION_TEXT =
  /^\s*(?:(?:private|protected|public|readonly|declare)\s+)*#?[\w$]+\s*(?::[^=;\n]+)?=\s*(?:\[|\{|new\s+(?:Map|Set)\b)/m;

/** A member's key as written: `clients`, or `[kClients]` for a computed name (checked by `memberKey`). */
function quickKey(member: TSESTree.MemberExpression): string | null {
  if (!member.computed) return member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : null;
  if (member.property.type === AST_NODE_TYPES.Identifier) return `[${member.property.name}]`;
  return propertyName(member);
}

function methodName(fn: FunctionNode): string | null {
  const parent = fn.parent;
  if (!parent) return null;
  if (parent.type === AST_NODE_TYPES.MethodDefinition) {
    if (parent.kind === 'constructor') return 'constructor';
    return keyName(parent.key, parent.computed);
  }
  if (parent.type === AST_NODE_TYPES.PropertyDefinition && parent.value === fn)
    return keyName(parent.key, parent.computed);
  if (parent.type === AST_NODE_TYPES.Property && parent.value === fn) return keyName(parent.key, parent.computed);
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === fn) {
    const left = unwrap(parent.left);
    if (left.type === AST_NODE_TYPES.MemberExpression) return keyName(left.property, left.computed);
  }
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration || parent.type === AST_NODE_TYPES.VariableDeclarator)
    return 'constructor';
  return null;
}

/** `close`, `[kClose]` read as `close`, `[Symbol.dispose]`. */
function keyName(key: TSESTree.Node, computed: boolean): string | null {
  if (!computed) {
    if (key.type === AST_NODE_TYPES.Identifier || key.type === AST_NODE_TYPES.PrivateIdentifier) return key.name;
    return key.type === AST_NODE_TYPES.Literal ? String(key.value) : null;
  }
  if (key.type === AST_NODE_TYPES.Literal) return String(key.value);
  if (key.type === AST_NODE_TYPES.Identifier) return `[${key.name}]`;
  const path = staticPath(key);
  return path?.startsWith('Symbol.') ? `[${path}]` : null;
}

/** A method name as its role reads: `[kClose]` is `close`, `_onMessage` stays. */
export function plainName(name: string): string {
  const symbol = /^\[k([A-Z]\w*)\]$/.exec(name);
  if (symbol?.[1]) return symbol[1].charAt(0).toLowerCase() + symbol[1].slice(1);
  return name;
}

function isMethodOf(fn: FunctionNode): boolean {
  return fn.type !== AST_NODE_TYPES.ArrowFunctionExpression;
}

/**
 * Every owner of the file that has fields, with its methods and fields. The fields come from one pass over the
 * file's `this` members and class fields; methods are looked up afterwards, and only kept for owners with fields: an
 * owner without one holds no collection, and a bundle has an owner for every function it declares.
 */
export function fileOwners(sourceCode: SourceCode): FileOwners {
  const known = files.get(sourceCode.ast);
  if (known) return known;
  let foreignByKey: Map<string, TSESTree.MemberExpression[]> | null = null;
  const foreign = (key: string): readonly TSESTree.MemberExpression[] => {
    foreignByKey ??= foreignMembers(sourceCode, aliases, collectionKeys, byFunction);
    return foreignByKey.get(key) ?? [];
  };
  const deferred: {
    node: TSESTree.MemberExpression;
    object: TSESTree.Node;
    call: TSESTree.CallExpression;
    handed: boolean;
  }[] = [];
  let calls: FileOwners['calls'] | null = null;
  let handedOver: FileOwners['handedOver'] | null = null;
  // `this.m(…)` calls and handed-over methods are only needed for owners with a growing field: indexed on first use.
  const buildCalls = (): void => {
    calls = new Map();
    handedOver = new Map();
    for (const { node, object, call, handed } of deferred) {
      const owner = ownerOfThis(sourceCode, object, aliases, byFunction);
      const key = owner ? memberKey(sourceCode, node) : null;
      if (owner && key !== null) push(handed ? handedOver : calls, owner, key, call);
    }
  };
  // Keys some field is set to a collection under: only their uses are indexed, besides assignments and calls.
  const { aliases, collectionKeys } = fieldWrites(sourceCode);
  const found: FileOwners = {
    owners: new Map(),
    collectionKeys,
    get calls() {
      if (!calls) buildCalls();
      return calls ?? new Map();
    },
    get handedOver() {
      if (!handedOver) buildCalls();
      return handedOver ?? new Map();
    },
    foreign,
  };
  files.set(sourceCode.ast, found);
  const byFunction = new Map<TSESTree.Node, ThisOwner | null>();
  const push = (
    map: Map<ThisOwner, Map<string, TSESTree.CallExpression[]>>,
    owner: ThisOwner,
    name: string,
    call: TSESTree.CallExpression,
  ): void => {
    const byName = map.get(owner) ?? new Map<string, TSESTree.CallExpression[]>();
    map.set(owner, byName);
    const list = byName.get(name) ?? [];
    list.push(call);
    byName.set(name, list);
  };
  if (collectionKeys.size === 0) return found;
  const ownerIndex = (owner: ThisOwner): OwnerIndex => {
    let index = found.owners.get(owner);
    if (!index) {
      const name =
        'type' in owner
          ? ((owner as TSESTree.ClassDeclaration).id?.name ?? null)
          : (owner as TSESLint.Scope.Variable).name;
      index = { owner, name: name ? `\`${name}\`` : 'the class', methods: new Map(), fields: new Map() };
      found.owners.set(owner, index);
    }
    return index;
  };
  // Fields are made in walk order: `whyLongLived` names the first holding a handle.
  const { onThis, thisKeys } = ownerNodes(sourceCode);
  for (let index = 0; index < onThis.length; index++) {
    const node = onThis[index] as TSESTree.MemberExpression | TSESTree.PropertyDefinition;
    if (node.type === AST_NODE_TYPES.PropertyDefinition && !node.static && !node.computed) {
      const classNode = node.parent.parent;
      const key = keyName(node.key, false);
      const owner = key === null ? null : thisOwner(sourceCode, node.value ?? node.key);
      if (
        owner &&
        key !== null &&
        (classNode.type === AST_NODE_TYPES.ClassDeclaration || classNode.type === AST_NODE_TYPES.ClassExpression)
      ) {
        const field = fieldOf(ownerIndex(owner), key);
        if (node.value && !isFunction(node.value)) field.fieldValue = node.value;
      }
      continue;
    }
    const key = thisKeys[index];
    if (node.type !== AST_NODE_TYPES.MemberExpression || key === null || key === undefined) continue;
    const object = unwrap(node.object); // `this` or a name bound to it (`ownerNodes`)
    const parent = node.parent;
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === node) {
      deferred.push({ node, object, call: parent, handed: false });
      continue;
    }
    // `this.onData`, `this.onData.bind(this)` handed to a call: a callback.
    const handed = handedOverTo(node);
    if (handed) deferred.push({ node, object, call: handed, handed: true });
    const assigned = parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node;
    if (!collectionKeys.has(key) && !assigned) continue;
    const owner = ownerOfThis(sourceCode, object, aliases, byFunction);
    const exactKey = owner ? memberKey(sourceCode, node) : null;
    if (owner && exactKey !== null) fieldOf(ownerIndex(owner), exactKey).uses.push(node);
  }
  if (found.owners.size === 0) return found;
  // Each owner's methods by name, the first in walk order for a name. Most functions of a file are no method of
  // these owners: a constructor not named as one of them is not looked up (and such an answer is not kept).
  const ownerNames = new Set<string>();
  for (const owner of found.owners.keys()) if (!('type' in owner)) ownerNames.add(owner.name);
  const isOwnerName = (name: string): boolean => ownerNames.has(name);
  for (const fn of fileFunctions(sourceCode)) {
    if (!isMethodOf(fn)) continue;
    const name = methodName(fn);
    if (name === null) continue;
    const owner = byFunction.has(fn) ? (byFunction.get(fn) ?? null) : functionOwner(sourceCode, fn, isOwnerName);
    const index = owner && owner !== fn && isClassLike(owner) ? found.owners.get(owner) : undefined;
    if (index && !index.methods.has(name)) index.methods.set(name, fn);
  }
  return found;
}

/**
 * Members on other objects under a key some field is set to a collection under (`client[kQueue]`, `pool.queue`, and
 * `self.queue` where `self` is not `this`), by their exact key: the same field of an instance the file reaches
 * through a variable, which an owner's index cannot tell from another object's.
 */
function foreignMembers(
  sourceCode: SourceCode,
  aliases: ReadonlySet<string>,
  collectionKeys: ReadonlySet<string>,
  byFunction: Map<TSESTree.Node, ThisOwner | null>,
): Map<string, TSESTree.MemberExpression[]> {
  const byKey = new Map<string, TSESTree.MemberExpression[]>();
  const add = (member: TSESTree.MemberExpression): void => {
    const name = memberKey(sourceCode, member);
    if (name === null) return;
    const list = byKey.get(name);
    if (list) list.push(member);
    else byKey.set(name, [member]);
  };
  const { onThis, thisKeys, onOthers, otherKeys } = ownerNodes(sourceCode);
  onOthers.forEach((member, index) => {
    if (collectionKeys.has(otherKeys[index] as string)) add(member);
  });
  onThis.forEach((member, index) => {
    const key = thisKeys[index];
    if (key === null || key === undefined || !collectionKeys.has(key)) return;
    if (member.type !== AST_NODE_TYPES.MemberExpression) return;
    const object = unwrap(member.object);
    if (object.type !== AST_NODE_TYPES.Identifier) return;
    // A name bound to `this` somewhere but not `this` here; a call on it is left out, as the owner's own method.
    const parent = member.parent;
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === member) return;
    if (!ownerOfThis(sourceCode, object, aliases, byFunction)) add(member);
  });
  return byKey;
}

interface FieldWrites {
  /** Names bound to `this` (`const self = this`). */
  aliases: ReadonlySet<string>;
  /** The keys some field is set to a collection under (`this.x = []`, `this.x ||= new Map()`, `x = new Set()`). */
  collectionKeys: ReadonlySet<string>;
  /** What the file's members do with those fields, found on first need (`collectionFieldUses`). */
  uses?: CollectionFieldUses;
}

interface CollectionFieldUses {
  grows: boolean;
  splicesEntries: boolean;
}
const writesByFile = new WeakMap<TSESTree.Node, FieldWrites>();

/** The fields the file sets to collections, and the names it binds `this` to. */
function fieldWrites(sourceCode: SourceCode): FieldWrites {
  const known = writesByFile.get(sourceCode.ast);
  if (known) return known;
  const aliases = thisAliases(sourceCode);
  const collectionKeys = new Set<string>();
  const found: FieldWrites = { aliases, collectionKeys };
  writesByFile.set(sourceCode.ast, found);
  if (!sourceCode.text.includes('this')) return found;
  for (const node of fileNodesOfType(sourceCode, AST_NODE_TYPES.AssignmentExpression)) {
    const left = unwrap(node.left);
    if (left.type !== AST_NODE_TYPES.MemberExpression || !isThisOrAliasNamed(unwrap(left.object), aliases)) continue;
    const value = unwrap(node.right);
    const collection =
      collectionKind(value) !== null ||
      (value.type === AST_NODE_TYPES.LogicalExpression && collectionKind(value.right) !== null);
    const key = collection ? quickKey(left) : null;
    if (key !== null) collectionKeys.add(key);
  }
  for (const node of fileNodesOfType(sourceCode, AST_NODE_TYPES.PropertyDefinition)) {
    const key = !node.static && node.value && collectionKind(node.value) ? keyName(node.key, node.computed) : null;
    if (key !== null) collectionKeys.add(key);
  }
  return found;
}

/**
 * `this`, or a name the file binds to `this` somewhere (`aliases`): by name, as owners' fields are indexed, unlike
 * owners.ts's `isThisLike`, which resolves the alias.
 */
function isThisOrAliasNamed(object: TSESTree.Node, aliases: ReadonlySet<string>): boolean {
  return (
    object.type === AST_NODE_TYPES.ThisExpression ||
    (object.type === AST_NODE_TYPES.Identifier && aliases.has(object.name))
  );
}

/**
 * Whether some field set to a collection may gain entries (`this.clients = new Set()` and `this.clients.add(ws)`):
 * without one, no owner's field grows, and the owners need not be indexed. Asked after the text test
 * `mayHoldOwnerCollections`.
 */
export function growsOwnerCollection(sourceCode: SourceCode): boolean {
  return collectionFieldUses(sourceCode).grows;
}

/**
 * Whether an entry of a field set to a collection is spliced (`this.byRoom[room].splice(i, 1)`) or held in a local
 * that may be (`const list = this.byRoom.get(room)`): without one, no owner's entries are emptied while their keys stay.
 */
export function splicesOwnerEntries(sourceCode: SourceCode): boolean {
  return collectionFieldUses(sourceCode).splicesEntries;
}

function collectionFieldUses(sourceCode: SourceCode): CollectionFieldUses {
  const writes = fieldWrites(sourceCode);
  if (writes.uses) return writes.uses;
  const uses = { grows: false, splicesEntries: false };
  writes.uses = uses;
  const { collectionKeys } = writes;
  if (collectionKeys.size === 0) return uses;
  const { onThis, thisKeys } = ownerNodes(sourceCode);
  for (let index = 0; index < onThis.length; index++) {
    const key = thisKeys[index];
    if (key === null || key === undefined || !collectionKeys.has(key)) continue;
    const node = onThis[index];
    if (node?.type !== AST_NODE_TYPES.MemberExpression) continue;
    uses.grows ||= mayAddEntries(node);
    uses.splicesEntries ||= mayHoldSplicedEntry(node);
    if (uses.grows && uses.splicesEntries) break;
  }
  return uses;
}

/** `this.x[k]` or `this.x.get(k)`, spliced where it stands or held in a local. */
function mayHoldSplicedEntry(member: TSESTree.MemberExpression): boolean {
  const parent = member.parent;
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== member) return false;
  const method = propertyName(parent);
  const entry =
    parent.computed && method === null
      ? parent
      : method === 'get' && parent.parent?.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent
        ? parent.parent
        : null;
  const holder = entry?.parent;
  return (
    (holder?.type === AST_NODE_TYPES.MemberExpression &&
      holder.object === entry &&
      propertyName(holder) === 'splice') ||
    (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.init === entry)
  );
}

/**
 * Whether entries may be added through `member`: growth of it (collections.ts), or a write or growth inside one of its
 * entries (`this.x[k] = v`, `this.x.set(k, v)`, `this.x[k].push(v)`, `this.x.get(k).add(v)`). A superset of what
 * entry-releases.ts counts as a field's growth and memo-caches.ts as a keyed write.
 */
function mayAddEntries(member: TSESTree.MemberExpression): boolean {
  const parent = member.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === member) {
    if (parent.computed) return true;
    const method = propertyName(parent);
    if (method === 'get' || method === 'set') return true;
    if (parent.parent?.type !== AST_NODE_TYPES.CallExpression) return false; // `this.x.size`, `this.x.length = 0`
  } else if (parent?.type !== AST_NODE_TYPES.AssignmentExpression && !(parent && unwrap(parent) === unwrap(member)))
    return false; // growth is a call on the field, a reassignment, or either through `this.x!`, `this.x as T`
  return classifyCollectionUse(member).type === 'growth';
}

/** A class, by its node or variable, or a constructor function's variable: not an object literal or a function. */
function isClassLike(owner: ThisOwner): boolean {
  if (!('type' in owner)) return true;
  return owner.type === AST_NODE_TYPES.ClassDeclaration || owner.type === AST_NODE_TYPES.ClassExpression;
}

function fieldOf(index: OwnerIndex, key: string): OwnerField {
  let field = index.fields.get(key);
  if (!field) {
    field = { key, display: key.startsWith('[') ? `this${key}` : `this.${key}`, uses: [], fieldValue: null };
    index.fields.set(key, field);
  }
  return field;
}

/** The call `this.m` is handed to as a callback: `x.on('e', this.m)`, `createServer(this.m.bind(this))`. */
function handedOverTo(member: TSESTree.MemberExpression): TSESTree.CallExpression | null {
  let value: TSESTree.Node = member;
  const bind = member.parent;
  if (
    bind?.type === AST_NODE_TYPES.MemberExpression &&
    bind.object === member &&
    propertyName(bind) === 'bind' &&
    bind.parent?.type === AST_NODE_TYPES.CallExpression &&
    bind.parent.callee === bind
  )
    value = bind.parent;
  const call = value.parent;
  return call?.type === AST_NODE_TYPES.CallExpression && call.arguments.some((a) => a === value) ? call : null;
}

const aliasesByFile = new WeakMap<TSESTree.Node, ReadonlySet<string>>();

/** The names the file binds to `this` (`const self = this`), read from its text once. */
function thisAliases(sourceCode: SourceCode): ReadonlySet<string> {
  let aliases = aliasesByFile.get(sourceCode.ast);
  if (!aliases) {
    const found = new Set<string>();
    if (sourceCode.text.includes('this')) collectThisAliases(sourceCode, found);
    aliasesByFile.set(sourceCode.ast, (aliases = found));
  }
  return aliases;
}

/** The nodes the owner analysis reads, out of the file's many members and calls. */
interface OwnerNodes {
  /** Class fields, and members on `this` or a name bound to it (`this.x`, `self.m`), in walk order. */
  onThis: (TSESTree.MemberExpression | TSESTree.PropertyDefinition)[];
  /**
   * Their keys alongside (`quickKey`; null for a class field), read while ESLint has each member at hand: the
   * questions that follow want the few members under a collection's key, and need not read the others again.
   */
  thisKeys: (string | null)[];
  /** Members on any other variable (`client.queue`, `pool[kQueue]`), with their keys (`quickKey`) alongside. */
  onOthers: TSESTree.MemberExpression[];
  otherKeys: string[];
  /** Calls named like a registration (`on`, `once`, `subscribe`, `setInterval`), in walk order. */
  registrations: TSESTree.CallExpression[];
  /** Whether the lists are in walk order yet: recorded in leaving order, they are read backwards once. */
  inWalkOrder: boolean;
}
const ownerNodesByFile = new WeakMap<TSESTree.Node, OwnerNodes>();

/**
 * Listeners for a rule that asks about owners at `Program:exit`: they keep the nodes the owner index reads as ESLint
 * leaves them, while each is at hand. Reading every member of a file again later costs more than these listeners.
 * Null when another rule records them for the file.
 */
export function recordingOwnerNodes(sourceCode: SourceCode): {
  'MemberExpression:exit': (node: TSESTree.MemberExpression) => void;
  'PropertyDefinition:exit': (node: TSESTree.PropertyDefinition) => void;
  'CallExpression:exit': (node: TSESTree.CallExpression) => void;
} | null {
  if (ownerNodesByFile.has(sourceCode.ast)) return null;
  const aliases = thisAliases(sourceCode);
  const found = noOwnerNodes(false);
  ownerNodesByFile.set(sourceCode.ast, found);
  return {
    'MemberExpression:exit'(node) {
      recordMember(found, node, aliases);
    },
    'PropertyDefinition:exit'(node) {
      addOnThis(found, node, null);
    },
    'CallExpression:exit'(node) {
      if (isRegistrationCall(node)) found.registrations.push(node);
    },
  };
}

/** Empty lists, to be filled in leaving order (recorded) or in walk order (read from fileNodes()). */
function noOwnerNodes(inWalkOrder: boolean): OwnerNodes {
  return { onThis: [], thisKeys: [], onOthers: [], otherKeys: [], registrations: [], inWalkOrder };
}

/** A class field (no key) or a member on `this`, with its key. */
function addOnThis(
  found: OwnerNodes,
  node: TSESTree.MemberExpression | TSESTree.PropertyDefinition,
  key: string | null,
): void {
  found.onThis.push(node);
  found.thisKeys.push(key);
}

function recordMember(found: OwnerNodes, node: TSESTree.MemberExpression, aliases: ReadonlySet<string>): void {
  const object = unwrap(node.object);
  if (isThisOrAliasNamed(object, aliases)) addOnThis(found, node, quickKey(node));
  else if (object.type === AST_NODE_TYPES.Identifier) {
    const key = quickKey(node);
    if (key === null) return;
    found.onOthers.push(node);
    found.otherKeys.push(key);
  }
}

/** The nodes the owner index reads (`OwnerNodes`), as recorded, or else read from the file's nodes; at `Program:exit`. */
function ownerNodes(sourceCode: SourceCode): OwnerNodes {
  let found = ownerNodesByFile.get(sourceCode.ast);
  if (!found) {
    const aliases = thisAliases(sourceCode);
    found = noOwnerNodes(true);
    for (const node of fileNodes(sourceCode)) {
      if (node.type === AST_NODE_TYPES.MemberExpression) recordMember(found, node, aliases);
      else if (node.type === AST_NODE_TYPES.PropertyDefinition) addOnThis(found, node, null);
      else if (node.type === AST_NODE_TYPES.CallExpression && isRegistrationCall(node)) found.registrations.push(node);
    }
    ownerNodesByFile.set(sourceCode.ast, found);
  }
  if (!found.inWalkOrder) {
    // Leaving order read backwards is walk order (see `collectingFileNodes`).
    found.onThis.reverse();
    found.thisKeys.reverse();
    found.onOthers.reverse();
    found.otherKeys.reverse();
    found.registrations.reverse();
    found.inWalkOrder = true;
  }
  return found;
}

/**
 * Names bound to `this`: `const self = this`, `var that = this`. The `= this` is found first and the declaration read
 * backwards from it, which finds the same names as `/\b(?:var|let|const)\s+([A-Za-z_$][\w$]*)\s*=\s*this\b/` but
 * stops far less often.
 */
function collectThisAliases(sourceCode: SourceCode, aliases: Set<string>): void {
  const text = sourceCode.text;
  THIS_ASSIGNED_TEXT.lastIndex = 0;
  for (let match = THIS_ASSIGNED_TEXT.exec(text); match; match = THIS_ASSIGNED_TEXT.exec(text)) {
    const name = declaredNameEndingAt(text, match.index);
    if (name) aliases.add(name);
  }
}
const THIS_ASSIGNED_TEXT = /=\s*this\b(?!\s*[.[(])/g;

/** The name `var`, `let` or `const` declares just before `end` (spaces between), if any. */
function declaredNameEndingAt(text: string, end: number): string | null {
  let nameEnd = end;
  while (nameEnd > 0 && isSpaceCode(text.charCodeAt(nameEnd - 1))) nameEnd--;
  let nameStart = nameEnd;
  while (nameStart > 0 && isIdentifierCode(text.charCodeAt(nameStart - 1))) nameStart--;
  const first = text.charCodeAt(nameStart);
  if (nameStart === nameEnd || (first >= 48 && first <= 57)) return null; // none, or starts with a digit
  let keywordEnd = nameStart;
  while (keywordEnd > 0 && isSpaceCode(text.charCodeAt(keywordEnd - 1))) keywordEnd--;
  if (keywordEnd === nameStart) return null;
  const declares = ['var', 'let', 'const'].some((keyword) => startsWordEndingAt(text, keywordEnd, keyword));
  return declares ? text.slice(nameStart, nameEnd) : null;
}

const reasons = new WeakMap<OwnerIndex, LongLivedOwner | null>();

/** Whether instances of the owner live as long as the program, and why; null when the file does not show it. */
export function longLivedOwner(sourceCode: SourceCode, index: OwnerIndex): LongLivedOwner | null {
  if (reasons.has(index)) return reasons.get(index) ?? null;
  const why = whyLongLived(sourceCode, index);
  const result = why ? { owner: index.owner, name: index.name, why } : null;
  reasons.set(index, result);
  return result;
}

function whyLongLived(sourceCode: SourceCode, index: OwnerIndex): string | null {
  // A handle in a field: `this.server = http.createServer(…)`, `this.timer = setInterval(…)`.
  for (const field of index.fields.values()) {
    for (const use of field.uses) {
      const assignment = use.parent;
      if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.left !== use) continue;
      const value = unwrap(assignment.right);
      if (value.type !== AST_NODE_TYPES.CallExpression && value.type !== AST_NODE_TYPES.NewExpression) continue;
      const name = calleeName(value);
      if (name !== null && LONG_LIVED_HANDLE.test(name))
        return `holds the ${name === 'setInterval' ? 'interval' : `\`${name}()\` handle`} in \`${field.display}\``;
    }
  }
  const base = baseName(sourceCode, index);
  if (base !== null && SERVICE_BASE.test(base)) {
    const lifecycle = [...index.methods.keys()].map(plainName).find((name) => LIFECYCLE_METHODS.has(name));
    if (lifecycle) return `is ${article(base)} \`${base}\` with ${article(lifecycle)} \`${lifecycle}()\` lifecycle`;
  }
  // Handlers for its connection opening and closing: it outlives each connection (and buffers between them).
  const names = [...index.methods.keys()];
  const opens = names.find((name) => OPEN_HANDLER.test(name));
  const closes = names.find((name) => CLOSE_HANDLER.test(name));
  if (opens && closes) return `handles its connection opening and closing (\`${opens}()\`, \`${closes}()\`)`;
  const created = createdForTheProgram(sourceCode, index);
  if (created) return created;
  // Listeners on other objects that call back into it (last: it reads every method).
  for (const fn of index.methods.values()) {
    const registration = registrationCallingBack(sourceCode, fn, index);
    if (registration) return registration;
  }
  return null;
}

/** A listener that an owner's method adds to another object, calling back into the owner. */
function registrationCallingBack(sourceCode: SourceCode, method: FunctionNode, index: OwnerIndex): string | null {
  for (const node of registrationCallsIn(sourceCode, method.body ?? method)) {
    const name = calleeName(node);
    if (name === null || ONCE_METHODS.has(name)) continue;
    const callee = unwrap(node.callee);
    const target = callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(callee.object) : null;
    if (target?.type === AST_NODE_TYPES.ThisExpression) continue; // its own events
    if (target && isMadeByOwner(sourceCode, target, index)) continue; // a child it made dies with it
    const event = node.arguments[0];
    if (event?.type === AST_NODE_TYPES.Literal && typeof event.value === 'string' && STREAM_EVENTS.has(event.value))
      continue; // reading one stream to its end: a per-message object does that too
    const callback = node.arguments.find((argument) => callsBack(sourceCode, argument, index));
    if (!callback) continue;
    const targetText = target ? sourceCode.getText(target) : null;
    return targetText !== null && targetText.length <= 30 && !targetText.includes('\n')
      ? `listens to \`${targetText}\``
      : `registers \`${name}()\` callbacks`;
  }
  return null;
}

interface RegistrationCalls {
  /** Calls named like a registration (`on`, `once`, `subscribe`, `setInterval`), by start position. */
  byStart: TSESTree.CallExpression[];
  /** Each one's place in the file walk, which visits a subtree in the order a walk from its root would. */
  walkOrder: Map<TSESTree.CallExpression, number>;
}
const registrationCallsByFile = new WeakMap<TSESTree.Node, RegistrationCalls>();

function isRegistrationCall(node: TSESTree.CallExpression): boolean {
  const name = calleeName(node);
  return name !== null && REGISTRATIONS.has(name);
}

/** The file's registration calls, indexed once. */
function registrationCalls(sourceCode: SourceCode): RegistrationCalls {
  let calls = registrationCallsByFile.get(sourceCode.ast);
  if (!calls) {
    const inWalkOrder = ownerNodes(sourceCode).registrations;
    calls = { byStart: [...inWalkOrder], walkOrder: new Map(inWalkOrder.map((call, index) => [call, index])) };
    calls.byStart.sort((a, b) => a.range[0] - b.range[0]);
    registrationCallsByFile.set(sourceCode.ast, calls);
  }
  return calls;
}

/**
 * The registration calls under `root`, in the order a walk from `root` meets them: read from the file's indexed
 * nodes once, so that asking of every method does not walk every method again.
 */
function registrationCallsIn(sourceCode: SourceCode, root: TSESTree.Node): TSESTree.CallExpression[] {
  const { byStart, walkOrder } = registrationCalls(sourceCode);
  let low = 0;
  let high = byStart.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((byStart[middle]?.range[0] ?? Infinity) < root.range[0]) low = middle + 1;
    else high = middle;
  }
  const inside: TSESTree.CallExpression[] = [];
  for (let i = low; i < byStart.length; i++) {
    const call = byStart[i];
    if (!call || call.range[0] >= root.range[1]) break;
    if (call.range[1] <= root.range[1]) inside.push(call);
  }
  return inside.sort((a, b) => (walkOrder.get(a) ?? 0) - (walkOrder.get(b) ?? 0));
}

/**
 * An object the owner made itself (`this.body = new Body()`, `const parser = new Parser()`), other than a server,
 * connection or interval: listening to it keeps nothing alive but the pair.
 */
function isMadeByOwner(sourceCode: SourceCode, target: TSESTree.Node, index: OwnerIndex): boolean {
  const made = (value: TSESTree.Node | null | undefined): boolean => {
    const node = value ? unwrap(value) : null;
    if (node?.type !== AST_NODE_TYPES.NewExpression && node?.type !== AST_NODE_TYPES.CallExpression) return false;
    const name = calleeName(node);
    return name !== null && !LONG_LIVED_HANDLE.test(name) && !/^(require|import)$/.test(name);
  };
  if (target.type === AST_NODE_TYPES.MemberExpression && unwrap(target.object).type === AST_NODE_TYPES.ThisExpression) {
    const key = memberKey(sourceCode, target);
    const field = key === null ? undefined : index.fields.get(key);
    return (
      field?.uses.some((use) => {
        const assignment = use.parent;
        return (
          assignment?.type === AST_NODE_TYPES.AssignmentExpression && assignment.left === use && made(assignment.right)
        );
      }) ?? false
    );
  }
  if (target.type !== AST_NODE_TYPES.Identifier) return false;
  const definition = resolve(sourceCode, target)?.defs[0];
  return definition?.type === 'Variable' && enclosingFunction(definition.node) !== null && made(definition.node.init);
}

/** A callback that runs the owner's code: an arrow over `this`, `this.m`, `this.m.bind(this)`, `self.m()`. */
function callsBack(sourceCode: SourceCode, argument: TSESTree.Node, index: OwnerIndex): boolean {
  const value = unwrap(argument);
  if (value.type === AST_NODE_TYPES.ArrowFunctionExpression || value.type === AST_NODE_TYPES.FunctionExpression) {
    return someDescendant(sourceCode, value.body, (node) => {
      if (node.type === AST_NODE_TYPES.ThisExpression) return value.type === AST_NODE_TYPES.ArrowFunctionExpression;
      if (node.type !== AST_NODE_TYPES.MemberExpression) return false;
      const object = unwrap(node.object);
      if (object.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = resolve(sourceCode, object);
      const init = variable?.defs[0]?.type === 'Variable' ? variable.defs[0].node.init : null;
      return (
        init !== null &&
        init !== undefined &&
        unwrap(init).type === AST_NODE_TYPES.ThisExpression &&
        thisOwner(sourceCode, init) === index.owner
      );
    });
  }
  const member =
    value.type === AST_NODE_TYPES.CallExpression && unwrap(value.callee).type === AST_NODE_TYPES.MemberExpression
      ? unwrap((unwrap(value.callee) as TSESTree.MemberExpression).object)
      : value;
  return (
    member.type === AST_NODE_TYPES.MemberExpression && unwrap(member.object).type === AST_NODE_TYPES.ThisExpression
  );
}

/** The base the owner extends: `extends EventEmitter`, `util.inherits(Foo, EventEmitter)`, `Foo.prototype.__proto__ = Emitter.prototype`. */
function baseName(sourceCode: SourceCode, index: OwnerIndex): string | null {
  const owner = index.owner;
  const classNode =
    'type' in owner
      ? owner
      : owner.defs[0]?.node.type === AST_NODE_TYPES.ClassDeclaration
        ? owner.defs[0].node
        : owner.defs[0]?.node.type === AST_NODE_TYPES.VariableDeclarator &&
            owner.defs[0].node.init?.type === AST_NODE_TYPES.ClassExpression
          ? owner.defs[0].node.init
          : null;
  if (
    classNode &&
    (classNode.type === AST_NODE_TYPES.ClassDeclaration || classNode.type === AST_NODE_TYPES.ClassExpression)
  ) {
    const base = classNode.superClass ? staticPath(classNode.superClass) : null;
    return base?.split('.').pop() ?? null;
  }
  if ('type' in owner) return null;
  for (const reference of owner.references) {
    const use = reference.identifier;
    const parent = use.parent;
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === use && parent.arguments[1]) {
      const callee = staticPath(parent.callee) ?? '';
      if (/(^|\.)inherits$/.test(callee)) return staticPath(parent.arguments[1])?.split('.').pop() ?? null;
    }
    // Foo.prototype.__proto__ = Emitter.prototype; Object.setPrototypeOf(Foo.prototype, Emitter.prototype)
    const prototype =
      parent?.type === AST_NODE_TYPES.MemberExpression && propertyName(parent) === 'prototype' ? parent : null;
    const outer = prototype?.parent;
    if (
      outer?.type === AST_NODE_TYPES.MemberExpression &&
      propertyName(outer) === '__proto__' &&
      outer.parent?.type === AST_NODE_TYPES.AssignmentExpression
    )
      return (
        staticPath(outer.parent.right)
          ?.split('.')
          .filter((p) => p !== 'prototype')
          .pop() ?? null
      );
    if (outer?.type === AST_NODE_TYPES.CallExpression && outer.arguments[0] === prototype && outer.arguments[1]) {
      if (/(^|\.)setPrototypeOf$/.test(staticPath(outer.callee) ?? ''))
        return (
          staticPath(outer.arguments[1])
            ?.split('.')
            .filter((p) => p !== 'prototype')
            .pop() ?? null
        );
    }
  }
  return null;
}

/** `module.exports = new Registry()`, `export default new Registry()`, `const registry = new Registry()` at top level. */
function createdForTheProgram(sourceCode: SourceCode, index: OwnerIndex): string | null {
  const owner = index.owner;
  return 'type' in owner ? null : programCreation(owner);
}

/** How code outside every function makes the program's one instance of `variable`'s class, if it does. */
function programCreation(variable: TSESLint.Scope.Variable): string | null {
  for (const reference of variable.references) {
    const use = reference.identifier;
    const created = use.parent;
    if (created?.type !== AST_NODE_TYPES.NewExpression || created.callee !== use) continue;
    if (enclosingFunction(created) !== null) continue;
    const holder = created.parent;
    if (holder?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return 'is exported as an instance';
    if (holder?.type === AST_NODE_TYPES.AssignmentExpression && holder.right === created) {
      const target = staticPath(holder.left) ?? '';
      if (/^(module\.)?exports(\.|$)/.test(target)) return 'is exported as an instance';
    }
    if (
      holder?.type === AST_NODE_TYPES.VariableDeclarator &&
      holder.init === created &&
      holder.parent.parent?.type === AST_NODE_TYPES.Program
    )
      return `is created once, at module top level (line ${created.loc.start.line})`;
  }
  return null;
}

const mayHoldLongLived = new WeakMap<TSESTree.Node, boolean>();

/**
 * Whether some owner of the file may be long-lived: a necessary condition of each reason `whyLongLived` gives, read
 * from the file's assignments, registration calls, method names, top-level bindings and text without indexing its
 * owners, which most files with growing fields never need (their owners live as long as a request or a value).
 */
export function mayHoldLongLivedOwner(sourceCode: SourceCode): boolean {
  let found = mayHoldLongLived.get(sourceCode.ast);
  if (found === undefined) {
    found =
      ownerNodes(sourceCode).registrations.length > 0 ||
      assignsLongLivedHandle(sourceCode) ||
      namesLongLivedMethods(sourceCode) ||
      createsAnInstanceForTheProgram(sourceCode);
    mayHoldLongLived.set(sourceCode.ast, found);
  }
  return found;
}

/** Some member is assigned a server, connection or interval (`this.server = http.createServer(…)`). */
function assignsLongLivedHandle(sourceCode: SourceCode): boolean {
  return fileNodesOfType(sourceCode, AST_NODE_TYPES.AssignmentExpression).some((assignment) => {
    if (assignment.left.type !== AST_NODE_TYPES.MemberExpression) return false;
    const value = unwrap(assignment.right);
    if (value.type !== AST_NODE_TYPES.CallExpression && value.type !== AST_NODE_TYPES.NewExpression) return false;
    const name = calleeName(value);
    return name !== null && LONG_LIVED_HANDLE.test(name);
  });
}

/** Methods for a connection's opening and closing, or a lifecycle method in a file that names a service base. */
function namesLongLivedMethods(sourceCode: SourceCode): boolean {
  let opens = false;
  let closes = false;
  let lifecycle = false;
  for (const fn of fileFunctions(sourceCode)) {
    const name = isMethodOf(fn) ? methodName(fn) : null;
    if (name === null) continue;
    opens ||= OPEN_HANDLER.test(name);
    closes ||= CLOSE_HANDLER.test(name);
    lifecycle ||= LIFECYCLE_METHODS.has(plainName(name));
  }
  return (opens && closes) || (lifecycle && SERVICE_BASE_TEXT.test(sourceCode.text));
}
/** A base class's last name that `SERVICE_BASE` accepts, as it stands in the text. */
const SERVICE_BASE_TEXT = new RegExp(`(?:${SERVICE_BASE_NAMES})\\b`);

/** Some binding outside every function is instantiated there once for the program (`programCreation`). */
function createsAnInstanceForTheProgram(sourceCode: SourceCode): boolean {
  const globalScope = sourceCode.scopeManager?.globalScope;
  const pending: TSESLint.Scope.Scope[] = globalScope ? [globalScope] : [];
  for (let scope = pending.pop(); scope; scope = pending.pop()) {
    if (scope.variables.some((variable) => programCreation(variable) !== null)) return true;
    // A binding inside a function is out of reach of code outside every function.
    for (const child of scope.childScopes) if (child.type !== 'function' || isModuleScope(child)) pending.push(child);
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------------
// Which methods run per unit of work, what tears the owner down, what runs when a connection is abandoned

export interface MethodRole {
  /** For messages: "on every call of `onJoin()`, a handler", "on every `upgrade` event". */
  trigger: string;
  /**
   * Named or registered as a per-unit method itself, rather than called from one: keys it adds come from each unit
   * of work, where a method it calls (`of(name)`) may be a memo keyed by a few names.
   */
  direct: boolean;
  /**
   * Per unit only because it is named as a handler (`onClose`, `handleChange`): nothing in the file hands it to a
   * listener or calls it per event. (A work method, `send(packet)`, stores each unit of work it is given.)
   */
  byName: boolean;
}

/** The non-arrow function of `index` whose `this` the code at `node` sees, with its name. */
export function methodAround(index: OwnerIndex, node: TSESTree.Node): { name: string; fn: FunctionNode } | null {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    if (fn.type === AST_NODE_TYPES.ArrowFunctionExpression) continue;
    const name = methodNames(index).get(fn);
    return name === undefined ? null : { name, fn };
  }
  return null;
}

const namesByMethod = new WeakMap<OwnerIndex, Map<FunctionNode, string>>();

function methodNames(index: OwnerIndex): Map<FunctionNode, string> {
  let names = namesByMethod.get(index);
  if (!names) {
    names = new Map([...index.methods].map(([name, fn]) => [fn, name]));
    namesByMethod.set(index, names);
  }
  return names;
}

const perEventMemo = new WeakMap<OwnerIndex, Map<string, MethodRole>>();

/**
 * The owner's methods that run once per unit of work: handed over as callbacks to listener registrations and
 * servers, named as handlers (`onMessage`, `handlePacket`) or as per-request work (`send`, `dispatch`, `query`),
 * and the methods those (or any per-event callback, via `isPerEvent`) call on `this`.
 */
export function perUnitMethods(
  sourceCode: SourceCode,
  index: OwnerIndex,
  isPerEvent: (node: TSESTree.Node) => string | null,
): Map<string, MethodRole> {
  const known = perEventMemo.get(index);
  if (known) return known;
  const roles = new Map<string, MethodRole>();
  perEventMemo.set(index, roles);
  const file = fileOwners(sourceCode);
  const queue: string[] = [];
  const mark = (name: string, trigger: string, direct = true, byName = false): void => {
    if (roles.has(name) || !index.methods.has(name) || name === 'constructor') return;
    roles.set(name, { trigger, direct, byName });
    queue.push(name);
  };
  for (const name of index.methods.keys()) {
    const plain = plainName(name);
    if (HANDLER_NAME.test(plain) && !OWNER_END_METHODS.has(plain))
      mark(name, `on every call of \`${name}()\`, an event handler`, true, true);
    else if (WORK_NAME.test(plain)) mark(name, `on every call of \`${name}()\``);
  }
  for (const [name, calls] of file.handedOver.get(index.owner) ?? []) {
    for (const call of calls) {
      const callee = calleeName(call);
      if (callee !== null && REGISTRATIONS.has(callee) && !ONCE_METHODS.has(callee)) {
        const event = call.arguments[0];
        const label =
          event?.type === AST_NODE_TYPES.Literal && typeof event.value === 'string' ? `\`${event.value}\` ` : '';
        mark(name, `on every ${label}event \`${name}()\` handles`);
      }
    }
  }
  for (const [name, calls] of file.calls.get(index.owner) ?? []) {
    for (const call of calls) {
      const trigger = isPerEvent(call);
      if (trigger !== null) mark(name, trigger, false);
    }
  }
  // Methods called from per-unit methods run per unit too.
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    const fn = index.methods.get(name);
    const role = roles.get(name);
    if (!fn || !role) continue;
    for (const [callee, calls] of file.calls.get(index.owner) ?? []) {
      if (calls.some((call) => methodAround(index, call)?.fn === fn)) mark(callee, role.trigger, false);
    }
  }
  return roles;
}

/**
 * Whether a growth site stores only `fn`'s own parameters (`onClose(fn) { this.closers.push(fn); }`,
 * `handleChange(path) { this.changed.add(path); }`): what callers pass in. A method that is a handler only by its
 * name is then a subscription or a set of what callers name, bounded by its callers, not by the file.
 */
export function storesOnlyParameters(sourceCode: SourceCode, site: GrowthSite, fn: FunctionNode): boolean {
  const node = site.node;
  const stored: TSESTree.Node[] =
    node.type === AST_NODE_TYPES.CallExpression
      ? node.arguments
      : node.type === AST_NODE_TYPES.AssignmentExpression
        ? [node.right, ...(site.key ? [site.key] : [])]
        : [];
  return (
    stored.length > 0 &&
    stored.every((value) => {
      const plain = unwrap(value);
      if (plain.type !== AST_NODE_TYPES.Identifier) return false;
      const definition = resolve(sourceCode, plain)?.defs[0];
      return definition?.type === 'Parameter' && definition.node === fn;
    })
  );
}

const teardownMemo = new WeakMap<OwnerIndex, Set<FunctionNode>>();

/**
 * The owner's teardown methods (`close()`, `destroy()`, `[kClose]()`) and the methods only they call on `this`: a
 * helper that other methods call too runs while the owner is alive.
 */
export function teardownMethods(sourceCode: SourceCode, index: OwnerIndex): Set<FunctionNode> {
  const known = teardownMemo.get(index);
  if (known) return known;
  const found = new Set<FunctionNode>();
  teardownMemo.set(index, found);
  for (const [name, fn] of index.methods) if (OWNER_END_METHODS.has(plainName(name))) found.add(fn);
  const file = fileOwners(sourceCode);
  const calls = file.calls.get(index.owner);
  const handed = file.handedOver.get(index.owner);
  for (let grew = true; grew;) {
    grew = false;
    for (const [name, list] of calls ?? []) {
      const fn = index.methods.get(name);
      if (!fn || found.has(fn) || handed?.has(name) || name === 'constructor') continue;
      if (list.every((call) => runsInAny(call, found))) {
        found.add(fn);
        grew = true;
      }
    }
  }
  return found;
}

function runsInAny(node: TSESTree.Node, functions: ReadonlySet<FunctionNode>): boolean {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) if (functions.has(fn)) return true;
  return false;
}

/** Adds the named methods and the methods they call on `this`, transitively, to `found`. */
function reachable(sourceCode: SourceCode, index: OwnerIndex, names: string[], found: Set<FunctionNode>): void {
  const calls = fileOwners(sourceCode).calls.get(index.owner);
  const queue = [...names];
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    const fn = index.methods.get(name);
    if (!fn || found.has(fn)) continue;
    found.add(fn);
    for (const [callee, list] of calls ?? []) {
      if (list.some((call) => methodAround(index, call)?.fn === fn)) queue.push(callee);
    }
  }
}

export interface AbandonPath {
  /** For messages: "`onclose()`", "the `close` listener at line 12". */
  name: string;
  /** What ends there: the connection (`close`, `end`, `disconnect`), a wait (`timeout`, `abort`), or an `error`. */
  group: 'close' | 'timeout' | 'error';
  /** The functions that run on that path (the handler and the owner's methods it calls). */
  functions: Set<FunctionNode>;
}

/**
 * The owner's code that runs when a connection or an operation ends without its normal outcome: handler methods
 * named for it (`onclose()`, `_onError()`, `handleTimeout()`) and listeners for `close`/`error`/`timeout`/… events
 * that the owner registers, each with the methods it calls on `this`.
 */
export function abandonPaths(sourceCode: SourceCode, index: OwnerIndex): AbandonPath[] {
  const paths: AbandonPath[] = [];
  for (const name of index.methods.keys()) {
    if (!ABANDON_HANDLER.test(plainName(name))) continue;
    const functions = new Set<FunctionNode>();
    reachable(sourceCode, index, [name], functions);
    paths.push({ name: `\`${name}()\``, group: abandonGroup(plainName(name)), functions });
  }
  for (const fn of index.methods.values()) {
    for (const node of registrationCallsIn(sourceCode, fn.body ?? fn)) {
      const name = calleeName(node);
      const event = node.arguments[0];
      const callback = node.arguments[1] ? unwrap(node.arguments[1]) : null;
      if (
        name === null ||
        !ADD_METHODS.has(name) ||
        event?.type !== AST_NODE_TYPES.Literal ||
        typeof event.value !== 'string' ||
        !ABANDON_EVENT.test(event.value) ||
        !callback ||
        !isFunction(callback)
      )
        continue;
      const functions = new Set<FunctionNode>([callback]);
      const called: string[] = [];
      someDescendant(sourceCode, callback.body, (inner) => {
        if (inner.type === AST_NODE_TYPES.CallExpression) {
          const callee = unwrap(inner.callee);
          const method = callee.type === AST_NODE_TYPES.MemberExpression ? memberKey(sourceCode, callee) : null;
          if (method !== null) called.push(method);
        }
        return false;
      });
      reachable(sourceCode, index, called, functions);
      paths.push({
        name: `the \`${event.value}\` listener at line ${node.loc.start.line}`,
        group: abandonGroup(event.value),
        functions,
      });
    }
  }
  return paths;
}

function abandonGroup(name: string): AbandonPath['group'] {
  if (/error/i.test(name)) return 'error';
  return /timeout|abort/i.test(name) ? 'timeout' : 'close';
}

/** Whether users can connect the owner again after it closes: a `connect()`, `open()` or `reconnect()` method. */
export function reconnects(index: OwnerIndex): boolean {
  return [...index.methods.keys()].some((name) => /^(connect|open|reconnect)$/.test(plainName(name)));
}

/** `a` or `an` before a name read aloud: an `EventEmitter`, an `open()` lifecycle. */
function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}
