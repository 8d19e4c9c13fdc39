import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import plugin, { rules } from '../src/index.js';

const root = join(import.meta.dirname, '..');
const ruleFiles = readdirSync(join(root, 'rules'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.replace(/\.ts$/, ''));

describe('the plugin', () => {
  it('registers every rule file under its file name, with a docs page and a docs URL', () => {
    expect(Object.keys(rules).sort()).toEqual(ruleFiles.sort());
    for (const [name, rule] of Object.entries(rules)) {
      expect(existsSync(join(root, 'docs', 'rules', `${name}.md`)), `docs/rules/${name}.md`).toBe(true);
      expect(rule.meta.docs?.url).toMatch(new RegExp(`/docs/rules/${name}\\.md$`));
      expect(rule.meta.docs?.requiresTypeChecking).toBe(false);
    }
  });

  it('derives its configs from each rule’s meta.docs.recommended', () => {
    const names = Object.keys(rules);
    const tierOf = (name: string) => rules[name as keyof typeof rules].meta.docs?.recommended;
    const enabled = (config: 'recommended' | 'strict' | 'all') =>
      Object.keys(plugin.configs[config].rules ?? {}).sort();
    expect(enabled('all')).toEqual(names.map((n) => `leakproof/${n}`).sort());
    expect(enabled('recommended')).toEqual(
      names
        .filter((n) => tierOf(n) === 'recommended')
        .map((n) => `leakproof/${n}`)
        .sort(),
    );
    expect(enabled('strict')).toEqual(names.map((n) => `leakproof/${n}`).sort());
    for (const name of ['recommended', 'strict', 'all'] as const) {
      expect(plugin.configs[name].name).toBe(`leakproof/${name}`);
      expect(plugin.configs[name].plugins?.leakproof).toBe(plugin);
    }
  });

  it('carries its name and the package version in meta', async () => {
    const { version } = (await import('../package.json', { with: { type: 'json' } })).default;
    expect(plugin.meta).toEqual({ name: 'eslint-plugin-leakproof', version });
  });

  it.each([
    ['import', `import('eslint-plugin-leakproof').then((m) => console.log(Object.keys(m.default.configs).join()))`],
    [
      'require',
      `const p = require('eslint-plugin-leakproof'); console.log(p.meta.name === 'eslint-plugin-leakproof' && Object.keys(p.configs).join())`,
    ],
  ])('loads from a user project with %s', (_how, script) => {
    // Resolve through the package name, as a user's project would (the repository is its own package).
    const out = execFileSync(process.execPath, ['--input-type=commonjs', '-e', script], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(out.trim()).toBe('recommended,strict,all');
  });
});
