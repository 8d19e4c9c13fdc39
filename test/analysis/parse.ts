/** Parses code the way ESLint does and hands the analyses a SourceCode with its scope manager. */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';

export function withSourceCode<T>(
  code: string,
  use: (sourceCode: TSESLint.SourceCode) => T,
  sourceType: 'commonjs' | 'module' | 'script' = 'commonjs',
): T {
  let result: T | undefined;
  let failure: unknown;
  const probe = {
    create(context: { sourceCode: unknown }) {
      return {
        'Program:exit'() {
          try {
            result = use(context.sourceCode as TSESLint.SourceCode);
          } catch (error) {
            failure = error;
          }
        },
      };
    },
  };
  const messages = new Linter({ configType: 'flat' }).verify(code, [
    {
      plugins: { test: { rules: { probe } } },
      languageOptions: { sourceType, ecmaVersion: 'latest' },
      rules: { 'test/probe': 'error' },
    },
  ]);
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(fatal.message);
  if (failure) throw failure;
  return result as T;
}

/** The node of `type` whose source text is `prefix`, or else the first (and smallest) that starts with it. */
export function findNode(sourceCode: TSESLint.SourceCode, prefix: string, type?: string): TSESTree.Node {
  const pending: TSESTree.Node[] = [sourceCode.ast];
  const found: TSESTree.Node[] = [];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if ((!type || node.type === type) && sourceCode.getText(node).startsWith(prefix)) found.push(node);
    for (const key of sourceCode.visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child]) {
        if (item && typeof item === 'object' && 'type' in item) pending.push(item as TSESTree.Node);
      }
    }
  }
  const exact = (node: TSESTree.Node) => (sourceCode.getText(node) === prefix ? 0 : 1);
  found.sort((a, b) => exact(a) - exact(b) || a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const first = found[0];
  if (!first) throw new Error(`no ${type ?? 'node'} starting with ${prefix}`);
  return first;
}
