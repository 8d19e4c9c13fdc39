/**
 * Names for block-scope variables, which V8's heap snapshots leave unnamed.
 *
 * V8 writes a Context's variables as named `context` edges only for declaration scopes (functions, modules,
 * scripts). A block's variables (`{ const cache = new Map(); … }`, or a whole module when a loader wraps it in a
 * block, as vitest does with every test file and every module it imports) come out as `hidden` edges numbered 0, 1,
 * 2…, so no path could name them. The names are in the snapshot all the same: the Context's ScopeInfo lists them, as
 * strings, in slot order. The catch is that V8 skips a slot holding a small integer (a Smi is not a heap object), so
 * the k-th hidden edge is the k-th name only when no slot holds one. When fewer edges than names remain, the
 * skipped names are the ones the source declares with an integer literal (`const N = 13`), if their number is
 * exactly the shortfall; otherwise the slots stay unnamed. A slot holding a function named like another variable of
 * the scope rejects the whole guess.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { HeapSnapshot } from './heap-snapshot.js';
import { closureScript } from './retention.js';

const CONTEXT = 'system / Context';
/** Integers up to 9 digits fit a Smi on every V8 build. */
const SMALL_INTEGER = String.raw`[-+]?(?:0[xX][\da-fA-F]{1,7}|\d(?:_?\d){0,8})`;

function readScript(script: string): string | undefined {
  try {
    return readFileSync(script.startsWith('file:') ? fileURLToPath(script) : script, 'utf8');
  } catch {
    return undefined;
  }
}

/** Whether `source` declares `name` with a small integer literal: `const N = 13`, `let count = 0, …`. */
export function declaresSmallInteger(source: string, name: string): boolean {
  if (!/^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(name)) return false;
  const escaped = name.replace(/\$/g, '\\$');
  return new RegExp(
    String.raw`(?:\b(?:const|let|var)\s+|,\s*)${escaped}\s*(?::[^=;,]+)?=\s*${SMALL_INTEGER}\s*(?:[;,)]|$)`,
    'mu',
  ).test(source);
}

/** The script of the first closure whose scope is `context`. */
function contextScript(snapshot: HeapSnapshot, context: number): string | undefined {
  const retainers = snapshot.retainers();
  for (let slot = retainers.first[context]!, end = retainers.first[context + 1]!; slot < end; slot++) {
    const edge = retainers.edge[slot]!;
    const holder = retainers.node[slot]!;
    if (snapshot.nodeType(holder) !== 'closure' || snapshot.edgeHasIndex(edge) || snapshot.edgeName(edge) !== 'context')
      continue;
    const script = closureScript(snapshot, holder);
    if (script) return script;
  }
  return undefined;
}

/**
 * Turns the hidden slots of block-scope Contexts into `context` edges named after their variables, wherever the
 * names can be told for certain (see above). Returns the number of slots named.
 */
export function nameBlockScopeSlots(
  snapshot: HeapSnapshot,
  readSource: (script: string) => string | undefined = readScript,
): number {
  const contextName = snapshot.strings.indexOf(CONTEXT);
  if (contextName < 0) return 0;
  const contextType = snapshot.meta.edgeTypes.indexOf('context');
  const hiddenType = snapshot.meta.edgeTypes.indexOf('hidden');
  const stringType = snapshot.meta.nodeTypes.indexOf('string');
  const closureType = snapshot.meta.nodeTypes.indexOf('closure');
  const sources = new Map<string, string | undefined>();
  let named = 0;
  for (let node = 0; node < snapshot.nodeCount; node++) {
    if (snapshot.nodeNameIndex(node) !== contextName) continue;
    const slots: number[] = [];
    let scopeInfo = -1;
    let hasNames = false;
    for (let edge = snapshot.firstEdge[node]!, end = snapshot.firstEdge[node + 1]!; edge < end; edge++) {
      const type = snapshot.edgeTypeIndex(edge);
      if (type === contextType) hasNames = true;
      else if (type === hiddenType) slots.push(edge);
      else if (snapshot.edgeName(edge) === 'scope_info') scopeInfo = snapshot.edgeTarget[edge]!;
    }
    if (hasNames || slots.length === 0 || scopeInfo < 0) continue;
    const names: number[] = [];
    for (let edge = snapshot.firstEdge[scopeInfo]!, end = snapshot.firstEdge[scopeInfo + 1]!; edge < end; edge++) {
      const target = snapshot.edgeTarget[edge]!;
      if (snapshot.edgeTypeIndex(edge) === hiddenType && snapshot.nodeTypeIndex(target) === stringType)
        names.push(snapshot.nodeNameIndex(target));
    }
    if (slots.length > names.length) continue;
    let kept = names;
    if (slots.length < names.length) {
      const script = contextScript(snapshot, node);
      if (script === undefined) continue;
      if (!sources.has(script)) sources.set(script, readSource(script));
      const source = sources.get(script);
      if (source === undefined) continue;
      kept = names.filter((name) => !declaresSmallInteger(source, snapshot.strings[name] ?? ''));
      if (kept.length !== slots.length) continue;
    }
    // A slot holding a function named like another variable of this scope means the guess is off by some slots.
    const nameSet = new Set(names);
    const consistent = slots.every((edge, index) => {
      const target = snapshot.edgeTarget[edge]!;
      if (snapshot.nodeTypeIndex(target) !== closureType) return true;
      const functionName = snapshot.nodeNameIndex(target);
      return !nameSet.has(functionName) || functionName === kept[index];
    });
    if (!consistent) continue;
    for (const [index, edge] of slots.entries()) snapshot.renameEdge(edge, 'context', kept[index]!);
    named += slots.length;
  }
  return named;
}
