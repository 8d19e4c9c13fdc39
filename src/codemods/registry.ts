/** The codemods `leakproof fix` knows, by name. Each is loaded on demand from `codemods/<name>.js`. */
import type { Codemod } from './types.js';

export const CODEMODS = {
  'strict-mode': "add 'use strict' to CommonJS and script files that lack it",
  'clear-interval': 'capture discarded interval handles and clear them where their owner is torn down',
} as const;

export type CodemodName = keyof typeof CODEMODS;

export function isCodemodName(name: string): name is CodemodName {
  return Object.hasOwn(CODEMODS, name);
}

/** The codemod module: `codemods/<name>.ts` in the repository, `dist/codemods/<name>.js` once built. */
export async function loadCodemod(name: CodemodName): Promise<Codemod> {
  const module = (await import(new URL(`../../codemods/${name}.js`, import.meta.url).href)) as { codemod: Codemod };
  return module.codemod;
}
