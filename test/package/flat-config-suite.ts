// The tests every supported ESLint major runs against the installed package: the flat config from an ES module and
// from CommonJS, multithreaded linting, and bulk suppressions (the adoption path the README documents).
import { existsSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as code from './leaky-code.js';
import { byPosition, findingsOf, installedVersion, type Finding, type Project } from './project.js';

const withFile = (file: string, findings: Omit<Finding, 'file'>[]): Finding[] =>
  findings.map((finding) => ({ file, ...finding }));

/** Each scenario is a directory of the project with its own config, so ESLint finds it from there. */
export function writeScenarios(project: Project): void {
  project.write(
    { 'eslint.config.js': code.ESM_CONFIG, 'src/server.js': code.ESM_SERVER, 'src/clean.js': code.CLEAN_ESM },
    'esm',
  );
  project.write(
    {
      'eslint.config.cjs': code.CJS_CONFIG,
      'src/server.cjs': code.CJS_SERVER,
      'src/session.cjs': code.SESSION_CJS,
      'src/clean.js': code.CLEAN_ESM,
    },
    'cjs',
  );
  const many: Record<string, string> = { 'eslint.config.js': code.ESM_CONFIG };
  for (let index = 1; index <= 6; index++) {
    many[`src/server-${index}.js`] = code.ESM_SERVER;
    many[`src/session-${index}.cjs`] = code.SESSION_CJS;
    many[`src/clean-${index}.js`] = code.CLEAN_ESM;
  }
  project.write(many, 'many');
  project.write(
    { 'eslint.config.js': code.ESM_CONFIG, 'src/server.js': code.ESM_SERVER, 'src/session.cjs': code.SESSION_CJS },
    'suppress',
  );
}

export function flatConfigSuite(eslintMajor: number, getProject: () => Project): void {
  describe(`ESLint ${eslintMajor}, flat config`, () => {
    it(`is ESLint ${eslintMajor} that runs`, () => {
      const project = getProject();
      expect(installedVersion(project, 'eslint').split('.')[0]).toBe(String(eslintMajor));
      const version = project.npx(['eslint', '--version']);
      expect(version.stdout.trim()).toMatch(new RegExp(`^v${eslintMajor}\\.`));
    });

    it("eslint.config.js: `import leakproof from 'eslint-plugin-leakproof'` with configs.recommended reports the leaks", () => {
      const project = getProject();
      const result = project.npx(['eslint', '--format', 'json', '.'], 'esm');
      expect(result.status, result.stderr).toBe(1);
      expect(findingsOf(result, project.path('esm'))).toEqual(withFile('src/server.js', code.SERVER_FINDINGS));
    });

    it("eslint.config.cjs: `require('eslint-plugin-leakproof')` does the same", () => {
      const project = getProject();
      const result = project.npx(['eslint', '--format', 'json', '.'], 'cjs');
      expect(result.status, result.stderr).toBe(1);
      expect(findingsOf(result, project.path('cjs'))).toEqual([
        ...withFile('src/server.cjs', code.SERVER_FINDINGS),
        ...withFile('src/session.cjs', code.SESSION_FINDINGS),
      ]);
    });

    it('the stylish output a developer reads names the file, the rule and the variable', () => {
      const project = getProject();
      const result = project.npx(['eslint', '.'], 'esm');
      expect(result.status).toBe(1);
      expect(result.stdout).toContain('src/server.js');
      expect(result.stdout).toMatch(
        /6:3\s+error\s+`requestLogs` gains an entry on every request .*leakproof\/no-unbounded-collection/,
      );
      expect(result.stdout).toContain('3 problems (3 errors, 0 warnings)');
    });

    it('--concurrency=2 (multithreaded linting) finds exactly what a single thread finds', () => {
      const project = getProject();
      const single = project.npx(['eslint', '--concurrency=off', '--format', 'json', '.'], 'many');
      const threaded = project.npx(['eslint', '--concurrency=2', '--format', 'json', '.'], 'many');
      expect(threaded.status, threaded.stderr).toBe(1);
      const expected = Array.from({ length: 6 }, (_, index) => [
        ...withFile(`src/server-${index + 1}.js`, code.SERVER_FINDINGS),
        ...withFile(`src/session-${index + 1}.cjs`, code.SESSION_FINDINGS),
      ])
        .flat()
        .sort(byPosition);
      expect(findingsOf(single, project.path('many'))).toEqual(expected);
      expect(findingsOf(threaded, project.path('many'))).toEqual(expected);
    });

    it('bulk suppressions: --suppress-all baselines the existing leaks, a clean run passes, a new leak is reported', () => {
      const project = getProject();
      const dir = 'suppress';
      const suppressions = project.path(dir, 'eslint-suppressions.json');
      rmSync(suppressions, { force: true });

      const baseline = project.npx(['eslint', '--suppress-all', '.'], dir);
      expect(baseline.status, `${baseline.stdout}\n${baseline.stderr}`).toBe(0);
      expect(existsSync(suppressions)).toBe(true);
      expect(JSON.parse(project.read(`${dir}/eslint-suppressions.json`))).toEqual({
        'src/server.js': {
          'leakproof/no-leaked-listener': { count: 1 },
          'leakproof/no-leaked-timer': { count: 1 },
          'leakproof/no-unbounded-collection': { count: 1 },
        },
        'src/session.cjs': { 'leakproof/no-implicit-global': { count: 1 } },
      });

      const clean = project.npx(['eslint', '--format', 'json', '.'], dir);
      expect(clean.status, clean.stderr).toBe(0);
      expect(findingsOf(clean, project.path(dir))).toEqual([]);
      // `leakproof scan` reads the baseline ESLint wrote, so a scan-based CI job or hook passes too.
      const outsideGit = { GIT_CEILING_DIRECTORIES: project.root };
      const scanClean = project.npx(['leakproof', 'scan'], dir, outsideGit);
      expect(scanClean.status, `${scanClean.stdout}\n${scanClean.stderr}`).toBe(0);

      // New code is held to the rules: a leak in a new file fails the run, and only it is reported.
      project.write({ 'src/jobs.js': code.NEW_LEAK_ESM }, dir);
      const newLeak = project.npx(['eslint', '--format', 'json', '.'], dir);
      expect(newLeak.status, newLeak.stderr).toBe(1);
      expect(findingsOf(newLeak, project.path(dir))).toEqual(withFile('src/jobs.js', code.NEW_LEAK_FINDINGS));
      const scanNewLeak = project.npx(['leakproof', 'scan', '--format', 'json'], dir, outsideGit);
      expect(scanNewLeak.status, scanNewLeak.stderr).toBe(1);
      const scanned = JSON.parse(scanNewLeak.stdout) as {
        files: { path: string; messages: { ruleId: string; line: number; column: number }[] }[];
      };
      expect(
        scanned.files.flatMap((file) =>
          file.messages.map(({ ruleId, line, column }) => ({ file: file.path, ruleId, line, column })),
        ),
      ).toEqual(withFile('src/jobs.js', code.NEW_LEAK_FINDINGS));
      rmSync(project.path(dir, 'src/jobs.js'));

      // One more leak of a rule the file already has recorded: ESLint reports all of that rule's findings there.
      project.write(
        {
          'src/server.js': code.ESM_SERVER.replace(
            "  res.end('ok');",
            "  setInterval(() => console.log(req.url), 1000);\n  res.end('ok');",
          ),
        },
        dir,
      );
      const oneMore = project.npx(['eslint', '--format', 'json', '.'], dir);
      expect(oneMore.status, oneMore.stderr).toBe(1);
      expect(findingsOf(oneMore, project.path(dir))).toEqual([
        { file: 'src/server.js', ruleId: 'leakproof/no-leaked-timer', line: 7, column: 3 },
        { file: 'src/server.js', ruleId: 'leakproof/no-leaked-timer', line: 11, column: 3 },
      ]);
      project.write({ 'src/server.js': code.ESM_SERVER }, dir);

      // A suppressed leak that gets fixed leaves a stale suppression: ESLint fails (exit 2) until
      // --prune-suppressions removes it, so the baseline only shrinks.
      project.write(
        { 'src/session.cjs': code.SESSION_CJS.replace('  name = user.name;', '  const name = user.name;') },
        dir,
      );
      const stale = project.npx(['eslint', '.'], dir);
      expect(stale.status, `${stale.stdout}\n${stale.stderr}`).toBe(2);
      expect(stale.stderr).toContain('There are suppressions left that do not occur anymore');
      const scanStale = project.npx(['leakproof', 'scan'], dir, outsideGit);
      expect(scanStale.status, `${scanStale.stdout}\n${scanStale.stderr}`).toBe(2);
      expect(scanStale.stderr).toContain('leakproof: eslint-suppressions.json records errors that are gone');
      const pruned = project.npx(['eslint', '--prune-suppressions', '.'], dir);
      expect(pruned.status, `${pruned.stdout}\n${pruned.stderr}`).toBe(0);
      expect(Object.keys(JSON.parse(project.read(`${dir}/eslint-suppressions.json`)) as object)).toEqual([
        'src/server.js',
      ]);
      const afterPrune = project.npx(['eslint', '--format', 'json', '.'], dir);
      expect(afterPrune.status, afterPrune.stderr).toBe(0);
    });
  });
}
