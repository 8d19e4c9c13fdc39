import { createRequire } from 'node:module';
import type { ESLint, Linter, Rule } from 'eslint';
import type { RuleTier } from './create-rule.js';
import noImplicitGlobal from '../rules/no-implicit-global.js';
import noLeakedClosure from '../rules/no-leaked-closure.js';
import noLeakedListener from '../rules/no-leaked-listener.js';
import noLeakedObserver from '../rules/no-leaked-observer.js';
import noLeakedTimer from '../rules/no-leaked-timer.js';
import noUnboundedCollection from '../rules/no-unbounded-collection.js';
import noUnboundedMemo from '../rules/no-unbounded-memo.js';

// The package resolves itself by name, from src/ in the repository and from dist/ once installed.
const { version } = createRequire(import.meta.url)('eslint-plugin-leakproof/package.json') as { version: string };

/** Every rule the plugin ships, by name. The configs below are derived from each rule's own meta. */
export const rules = {
  'no-implicit-global': noImplicitGlobal,
  'no-leaked-closure': noLeakedClosure,
  'no-leaked-listener': noLeakedListener,
  'no-leaked-observer': noLeakedObserver,
  'no-leaked-timer': noLeakedTimer,
  'no-unbounded-collection': noUnboundedCollection,
  'no-unbounded-memo': noUnboundedMemo,
};

export type RuleName = keyof typeof rules;
export type ConfigName = 'recommended' | 'strict' | 'all';

const tiersOf: Record<ConfigName, readonly RuleTier[] | 'every'> = {
  recommended: ['recommended'],
  strict: ['recommended', 'strict'],
  all: 'every',
};

// typescript-eslint's rule type is structurally ESLint's, but not nominally; cast once here.
const eslintRules = rules as unknown as Record<RuleName, Rule.RuleModule>;

const plugin = {
  meta: { name: 'eslint-plugin-leakproof', version },
  rules: eslintRules,
  configs: {} as Record<ConfigName, Linter.Config>,
} satisfies ESLint.Plugin;

for (const configName of Object.keys(tiersOf) as ConfigName[]) {
  const tiers = tiersOf[configName];
  const enabled: Linter.RulesRecord = {};
  for (const [name, rule] of Object.entries(rules)) {
    if (tiers === 'every' || (rule.meta.docs && tiers.includes(rule.meta.docs.recommended)))
      enabled[`leakproof/${name}`] = 'error';
  }
  plugin.configs[configName] = { name: `leakproof/${configName}`, plugins: { leakproof: plugin }, rules: enabled };
}

// Named exports as well as the default, so `require('eslint-plugin-leakproof')` (a module namespace) is a plugin too.
export const { meta, configs } = plugin;
export default plugin;
