/** How Node decides whether a `.js` file is an ES module or CommonJS. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * `module` or `commonjs` from the nearest package.json's "type"; `detect` when there is none, because then
 * Node (20.19+) runs the file as an ES module if it contains import/export syntax and as CommonJS otherwise.
 */
export type JsModuleKind = 'module' | 'commonjs' | 'detect';

/** A lookup with its own cache, so one scan reads each package.json once. */
export function createModuleKindLookup(): (file: string) => JsModuleKind {
  const byDirectory = new Map<string, JsModuleKind>();

  function kindFor(directory: string): JsModuleKind {
    const cached = byDirectory.get(directory);
    if (cached) return cached;
    const declared = readPackageType(path.join(directory, 'package.json'));
    const parent = path.dirname(directory);
    const kind = declared === null ? (parent === directory ? 'detect' : kindFor(parent)) : declared;
    byDirectory.set(directory, kind);
    return kind;
  }

  return (file) => kindFor(path.dirname(path.resolve(file)));
}

/** The "type" of a package.json, `detect` when it has none, or null when the file does not exist. */
function readPackageType(file: string): JsModuleKind | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const type: unknown = (JSON.parse(text) as { type?: unknown }).type;
    return type === 'module' || type === 'commonjs' ? type : 'detect';
  } catch {
    return 'detect'; // a broken package.json still ends the search, as it does for Node
  }
}
