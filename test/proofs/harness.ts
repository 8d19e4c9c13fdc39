/**
 * The proof harness: every example in examples/proofs/ is linted and run, and the two results are tied together.
 *
 * A proof directory holds `leaky.<ext>`, optionally `fixed.<ext>`, and `proof.json`:
 *   { "mode": "function", "export": "default" | "<name>", or "mode": "http", "path": "/…",
 *     "verdict": "leak" | "retained",   what `prove` must say of the leaky example,
 *     "identifier": "requestLogs",      what the rule's report names and the retainer path must pass through,
 *     "rule": "no-…",                   only for seeds/<name>/: a rule directory is named after its rule,
 *     "fixedRetains": "theThing" }      only when the fix keeps, on purpose, the latest value of a slot that every
 *                                       unit replaces: its proof may then be a retention held by that name alone.
 * `.cjs` is linted as CommonJS (sloppy), `.mjs` as an ES module, and `.js` as CommonJS, as the CLI does without a
 * package.json "type".
 *
 * For each directory, `defineProofSuite` declares three tests:
 *  1. lint: the rule reports the leaky example and its report names the identifier; nothing in the plugin reports
 *     the fix;
 *  2. prove: the leaky example leaks (memory or handles grow with N) or retains (an object of a unit outlives it),
 *     as proof.json says, and the fix is clean;
 *  3. link: a retainer path of the leak (the retained finding's path, for a retention) passes through that same
 *     identifier, as an edge (`requestLogs in system / Context`, `name in global`) or a holder (`context in tick`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { prove, type ProofResult } from '../../src/runtime/index.js';

export const PROOFS_DIR = fileURLToPath(new URL('../../examples/proofs/', import.meta.url));
const SEEDS = 'seeds';
/** A prime, as the engine's default is: periodic behaviour of the code under test cannot line up with it. */
const PROOF_ITERATIONS = 31;
/** Room for a busy machine: a proof pair takes about 2 s when the machine is idle. Nothing here measures time. */
const PROOF_TIMEOUT_MS = 60_000;

export type ExpectedVerdict = 'leak' | 'retained';

export interface ProofManifest {
  readonly mode: 'function' | 'http';
  /** Function mode: the export to call ('default' for the default export, or `module.exports` in CommonJS). */
  readonly export?: string;
  /** HTTP mode: the path each unit requests. */
  readonly path?: string;
  readonly verdict: ExpectedVerdict;
  readonly identifier: string;
  readonly rule?: string;
  /**
   * The variable the fix keeps on purpose: the current value of a slot each unit replaces (`theThing`). The fix's
   * proof may then be a retention by that name alone (bounded, since nothing grows), never growth nor another holder.
   */
  readonly fixedRetains?: string;
}

export interface ProofCase {
  /** `no-unbounded-collection`, or `seeds/request-logs`. */
  readonly name: string;
  readonly rule: string;
  readonly leaky: string;
  readonly fixed: string | undefined;
  readonly manifest: ProofManifest;
}

const MANIFEST_KEYS = new Set(['mode', 'export', 'path', 'verdict', 'identifier', 'rule', 'fixedRetains']);
const IDENTIFIER = /^[\p{L}_$][\p{L}\p{N}_$]*$/u;
const EXTENSIONS = ['.cjs', '.mjs', '.js'];

/** Reads and checks proof.json: a typo must fail the suite, not silently weaken a proof. */
function readManifest(dir: string): ProofManifest {
  const file = join(dir, 'proof.json');
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const fail = (why: string): never => {
    throw new Error(`${file}: ${why}`);
  };
  for (const key of Object.keys(raw)) if (!MANIFEST_KEYS.has(key)) fail(`unknown key "${key}"`);
  const { mode, verdict, identifier } = raw;
  if (mode !== 'function' && mode !== 'http') fail(`"mode" must be "function" or "http"`);
  if (verdict !== 'leak' && verdict !== 'retained') fail(`"verdict" must be "leak" or "retained"`);
  if (typeof identifier !== 'string' || !IDENTIFIER.test(identifier))
    fail(`"identifier" must be a JavaScript identifier`);
  if (raw.fixedRetains !== undefined && (typeof raw.fixedRetains !== 'string' || !IDENTIFIER.test(raw.fixedRetains)))
    fail(`"fixedRetains" must be a JavaScript identifier`);
  if (mode === 'http' && (typeof raw.path !== 'string' || !raw.path.startsWith('/')))
    fail(`HTTP mode needs a "path" starting with "/"`);
  if (mode === 'function' && raw.path !== undefined) fail(`"path" is for HTTP mode`);
  if (mode === 'http' && raw.export !== undefined) fail(`"export" is for function mode`);
  if (raw.export !== undefined && typeof raw.export !== 'string') fail(`"export" must be a string`);
  if (raw.rule !== undefined && typeof raw.rule !== 'string') fail(`"rule" must be a string`);
  return raw as unknown as ProofManifest;
}

/** The one `leaky.*` (or `fixed.*`) file of a proof directory. */
function example(dir: string, stem: 'leaky' | 'fixed'): string | undefined {
  const found = EXTENSIONS.map((ext) => join(dir, stem + ext)).filter((file) => existsSync(file));
  if (found.length > 1) throw new Error(`${dir}: more than one ${stem}.* file`);
  return found[0];
}

function proofCase(dir: string, name: string, rule: string | undefined): ProofCase {
  const manifest = readManifest(dir);
  const leaky = example(dir, 'leaky');
  if (!leaky) throw new Error(`${dir}: no leaky.cjs, leaky.mjs or leaky.js`);
  const ruleName = rule ?? manifest.rule;
  if (!ruleName) throw new Error(`${dir}/proof.json: a seed names its "rule"`);
  if (rule && manifest.rule !== undefined && manifest.rule !== rule)
    throw new Error(`${dir}/proof.json: "rule" differs from the directory name`);
  return { name, rule: ruleName, leaky, fixed: example(dir, 'fixed'), manifest };
}

function subdirectories(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** The directories named after rules: examples/proofs/<rule-name>/. */
export function ruleProofDirectories(): string[] {
  return subdirectories(PROOFS_DIR).filter((name) => name !== SEEDS);
}

export function ruleProofs(): ProofCase[] {
  return ruleProofDirectories().map((rule) => proofCase(join(PROOFS_DIR, rule), rule, rule));
}

/** The seed articles' servers: examples/proofs/seeds/<name>/. */
export function seedProofs(): ProofCase[] {
  const seeds = join(PROOFS_DIR, SEEDS);
  return subdirectories(seeds).map((name) => proofCase(join(seeds, name), `${SEEDS}/${name}`, undefined));
}

function sourceTypeOf(file: string): 'module' | 'commonjs' {
  return file.endsWith('.mjs') ? 'module' : 'commonjs';
}

const linter = new Linter({ configType: 'flat' });

/** Lints a file with every rule of the plugin (the `all` config), as `leakproof scan` would parse it. */
function lintFile(file: string): Linter.LintMessage[] {
  return linter.verify(
    readFileSync(file, 'utf8'),
    [plugin.configs.all, { languageOptions: { ecmaVersion: 'latest', sourceType: sourceTypeOf(file) } }],
    { filename: file },
  );
}

function proveFile(file: string, manifest: ProofManifest, iterations = PROOF_ITERATIONS): Promise<ProofResult> {
  const exportName = manifest.export === undefined || manifest.export === 'default' ? undefined : manifest.export;
  return prove({
    module: file,
    iterations,
    timeoutMs: PROOF_TIMEOUT_MS,
    ...(manifest.mode === 'http' ? { http: manifest.path } : { exportName }),
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The message names the identifier as a whole word (`requestLogs`, not `requestLogsBackup`). */
export function mentions(message: string, identifier: string): boolean {
  return new RegExp(`(?<![\\p{L}\\p{N}_$])${escapeRegExp(identifier)}(?![\\p{L}\\p{N}_$])`, 'u').test(message);
}

/**
 * The path `(GC roots) → … → requestLogs in system / Context → [31] in Array → Object` passes through the
 * identifier when one of its links has it as the edge (a variable, a global property) or as the holder (a named
 * function's closure), or the path ends at it.
 */
export function passesThrough(path: string, identifier: string): boolean {
  return path.split(' → ').some((link) => {
    const at = link.indexOf(' in ');
    if (at < 0) return link === identifier;
    const holder = link.slice(at + ' in '.length).replace(/ \(×\d+\)$/, '');
    return link.slice(0, at) === identifier || holder === identifier;
  });
}

/** The paths that show what holds the leak: the growth's retainer paths, or the retained findings' paths. */
function leakPaths(result: ProofResult, verdict: ExpectedVerdict): string[] {
  return verdict === 'leak' ? [...result.retainers] : result.retained.map((finding) => finding.path);
}

interface ProofPair {
  readonly leaky: ProofResult;
  readonly fixed: ProofResult | undefined;
}

/** Declares the lint, prove and link tests of one proof directory. */
export function defineProofSuite(proof: ProofCase): void {
  const { rule, manifest } = proof;
  const ruleId = `leakproof/${rule}`;
  const id = manifest.identifier;

  describe(proof.name, () => {
    let proofs: ProofPair;
    beforeAll(async () => {
      // Leaky and fixed in parallel: two child processes, one per core.
      const [leaky, fixed] = await Promise.all([
        proveFile(proof.leaky, manifest),
        proof.fixed ? proveFile(proof.fixed, manifest) : undefined,
      ]);
      proofs = { leaky, fixed };
    }, PROOF_TIMEOUT_MS);

    it(`lint: ${rule} reports the leaky example, naming \`${id}\`${proof.fixed ? '; no rule reports the fix' : ''}`, () => {
      const leaky = lintFile(proof.leaky);
      expect(leaky.filter((message) => message.fatal)).toEqual([]);
      const reports = leaky.filter((message) => message.ruleId === ruleId);
      expect(reports.length, `${ruleId} on ${proof.leaky}`).toBeGreaterThan(0);
      expect(
        reports.some((message) => mentions(message.message, id)),
        `reports: ${JSON.stringify(reports.map((message) => message.message))}`,
      ).toBe(true);
      if (proof.fixed) expect(lintFile(proof.fixed)).toEqual([]);
    });

    const fixClaim = manifest.fixedRetains
      ? `; the fix does not grow and keeps only the current \`${manifest.fixedRetains}\``
      : '; the fix is clean';
    it(`prove: the leaky example ${manifest.verdict === 'leak' ? 'leaks (grows with N)' : 'retains an object of each call'}${proof.fixed ? fixClaim : ''}`, () => {
      const { leaky, fixed } = proofs;
      expect(leaky.verdict).toBe(manifest.verdict);
      if (manifest.verdict === 'leak') {
        expect(leaky.leaked).toBe(true);
        expect(leaky.growth.length + leaky.handles.filter((change) => change.leaking).length).toBeGreaterThan(0);
      } else {
        expect(leaky).toMatchObject({ leaked: false, growth: [] });
        expect(leaky.retained.length).toBeGreaterThan(0);
      }
      if (fixed && manifest.fixedRetains) {
        expect(fixed).toMatchObject({ leaked: false, growth: [], retainers: [] });
        expect(fixed.retained.map((finding) => finding.holder)).toEqual([manifest.fixedRetains]);
      } else if (fixed) {
        expect(fixed).toMatchObject({ leaked: false, verdict: 'clean', growth: [], retained: [], retainers: [] });
      }
      if (fixed) expect(fixed.handles.filter((change) => change.leaking)).toEqual([]);
    });

    it(`link: the ${manifest.verdict === 'leak' ? 'retainer path' : 'retained finding'} passes through \`${id}\`, the identifier the report names`, () => {
      const { leaky } = proofs;
      const paths = leakPaths(leaky, manifest.verdict);
      expect(
        paths.filter((path) => passesThrough(path, id)),
        `paths: ${JSON.stringify(paths)}`,
      ).not.toEqual([]);
      if (manifest.verdict === 'retained') expect(leaky.retained.map((finding) => finding.holder)).toContain(id);
      const named = lintFile(proof.leaky).filter(
        (message) => message.ruleId === ruleId && mentions(message.message, id),
      );
      expect(named.length).toBeGreaterThan(0);
    });
  });
}
