import { ESLintUtils } from '@typescript-eslint/utils';

/** Which shipped config turns a rule on: `recommended` rules are also in `strict`; every rule is in `all`. */
export type RuleTier = 'recommended' | 'strict';

export interface LeakproofRuleDocs {
  description: string;
  recommended: RuleTier;
  requiresTypeChecking: false;
}

export const REPOSITORY_URL = 'https://github.com/leakproof/eslint-plugin-leakproof';

const ruleDocsUrl = (name: string): string => `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`;

const withDocsUrl = ESLintUtils.RuleCreator<LeakproofRuleDocs>(ruleDocsUrl);

/**
 * typescript-eslint's RuleCreator (docs URL, typed meta), except for one cost: its `create` structuredClone()s the
 * default options on every file, which under ESLint measured ~25 µs a file, as much as a rule's whole analysis of a
 * typical file. A file whose config gives no options gets the defaults themselves; the rules never mutate options.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  definition: Readonly<ESLintUtils.RuleWithMetaAndName<Options, MessageIds, LeakproofRuleDocs>>,
): ReturnType<typeof withDocsUrl<Options, MessageIds>> {
  const rule = withDocsUrl(definition);
  const defaults = definition.defaultOptions ?? ([] as unknown as Options);
  return {
    ...rule,
    create: (context) =>
      definition.create(
        context,
        context.options.length === 0 ? defaults : (ESLintUtils.applyDefault(defaults, context.options) as Options),
      ),
  };
}
