/**
 * Property-based tests over random programs built from the fragments the rules look at (test/quality/programs.ts):
 * - every program parses, with its own parser and, for JavaScript, the TypeScript parser too (the generator's contract:
 *   a property over programs that do not parse would prove nothing);
 * - no rule of configs.all throws, with espree and with @typescript-eslint/parser, and every suggestion's output
 *   parses with the parser that produced it;
 * - both codemods (strict-mode also with --declare): none throws, every changed output parses, a second run on it
 *   changes nothing.
 *
 * `npm test` runs a bounded number of programs from a fixed seed (reproducible); `npm run fuzz` runs many, from a
 * random seed, which it prints: LEAKPROOF_FUZZ_RUNS=<n> and LEAKPROOF_FUZZ_SEED=<seed> set them. A failure is shrunk
 * by fast-check to a small program, printed with its seed and path.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codemod as clearInterval } from '../../codemods/clear-interval.js';
import { codemod as strictMode } from '../../codemods/strict-mode.js';
import { checkCodemod, lintAll, type LintTarget, type ParserName } from './harness.js';
import { programArbitrary, render, type Program } from './programs.js';

const RUNS = Number(process.env.LEAKPROOF_FUZZ_RUNS ?? 120);
const SEED =
  process.env.LEAKPROOF_FUZZ_SEED !== undefined
    ? Number(process.env.LEAKPROOF_FUZZ_SEED)
    : process.env.LEAKPROOF_FUZZ_RUNS !== undefined
      ? Date.now() % 2 ** 31
      : 20_261_121;
/** A generous budget per program (both parsers, three codemod runs, re-parses), only so a large run is not cut off. */
const TIMEOUT = 30_000 + RUNS * 400;

if (process.env.LEAKPROOF_FUZZ_RUNS !== undefined) console.log(`fuzz: ${RUNS} programs per property, seed ${SEED}`);

const parameters = { numRuns: RUNS, seed: SEED };

/** The virtual file name: its extension tells ESLint and the codemods what the program is. */
function fileOf(program: Program): string {
  const extension = program.sourceType === 'module' ? 'm' : program.sourceType === 'commonjs' ? 'c' : '';
  return `/virtual/fuzz.${program.typescript ? `${extension}ts` : extension === '' ? 'cjs' : `${extension}js`}`;
}

const parsersOf = (program: Program): ParserName[] => (program.typescript ? ['typescript'] : ['espree', 'typescript']);

function targetOf(program: Program, text: string, parser: ParserName): LintTarget {
  return { text, filename: fileOf(program).replace('/virtual/', ''), parser, sourceType: program.sourceType };
}

describe('fuzz: random programs from the rules’ fragments', () => {
  it(
    'every program parses, no rule throws with either parser, and every suggestion’s output parses',
    () => {
      let findings = 0;
      const byRule = new Map<string, number>();
      fc.assert(
        fc.property(programArbitrary, (program) => {
          const text = render(program);
          for (const parser of parsersOf(program)) {
            const outcome = lintAll(targetOf(program, text, parser));
            // The generator's own contract: a program that does not parse would prove nothing.
            expect(outcome.parseError, `${parser}:\n${text}`).toBeNull();
            expect(outcome.problems, text).toEqual([]);
            findings += outcome.findings.length;
            for (const finding of outcome.findings)
              byRule.set(finding.ruleId ?? '', (byRule.get(finding.ruleId ?? '') ?? 0) + 1);
          }
        }),
        parameters,
      );
      console.log(
        `fuzz: ${RUNS} programs, ${findings} findings ${JSON.stringify(Object.fromEntries([...byRule].sort()))}`,
      );
      // The fragments reach the rules: a generator that never produced a finding would test nothing.
      expect(findings).toBeGreaterThan(0);
    },
    TIMEOUT,
  );

  it(
    'the codemods never fail, their outputs parse, and a second run changes nothing',
    () => {
      const counts: Record<string, number> = {};
      fc.assert(
        fc.property(programArbitrary, (program) => {
          const text = render(program);
          const file = fileOf(program);
          const target = {
            parser: program.typescript ? ('typescript' as const) : ('espree' as const),
            sourceType: program.sourceType,
          };
          for (const [codemod, options] of [
            [strictMode, {}],
            [strictMode, { declare: true }],
            [clearInterval, {}],
          ] as const) {
            const check = checkCodemod(codemod, text, file, target, options);
            const key = `${codemod.name}${options.declare ? ' --declare' : ''} ${check.status}`;
            counts[key] = (counts[key] ?? 0) + 1;
            expect(check.problems, text).toEqual([]);
          }
        }),
        parameters,
      );
      console.log(`fuzz: codemod outcomes ${JSON.stringify(Object.fromEntries(Object.entries(counts).sort()))}`);
      expect(Object.keys(counts).some((key) => key.endsWith(' changed'))).toBe(true);
    },
    TIMEOUT,
  );
});
