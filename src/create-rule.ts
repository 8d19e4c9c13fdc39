import { ESLintUtils } from '@typescript-eslint/utils';

/** Which shipped config turns a rule on: `recommended` rules are also in `strict`; every rule is in `all`. */
export type RuleTier = 'recommended' | 'strict';

export interface LeakproofRuleDocs {
  description: string;
  recommended: RuleTier;
  requiresTypeChecking: false;
}

export const REPOSITORY_URL = 'https://github.com/leakproof/eslint-plugin-leakproof';

export const ruleDocsUrl = (name: string): string => `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`;

export const createRule = ESLintUtils.RuleCreator<LeakproofRuleDocs>(ruleDocsUrl);
