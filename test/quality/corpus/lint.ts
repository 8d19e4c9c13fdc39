/**
 * Every rule of configs.all over every file of the corpus with one parser: no rule throws, no internal error, every
 * suggestion's output parses. Shared by the espree and @typescript-eslint/parser suites (one file each, so vitest
 * runs them side by side).
 */
import { expect, it } from 'vitest';
import { lintAll, RULE_IDS, type ParserName } from '../harness.js';
import { describeCorpus, loadCorpus, MAX_MISSING, readText, virtualPath } from './corpus.js';

/** The share of attempted files a parser may reject before the run says too little (espree rejects Flow, JSX in .js). */
const MAX_UNPARSED = 0.03;

export function lintCorpusWith(parser: ParserName): void {
  it(`runs every rule of configs.all on the corpus with ${parser === 'espree' ? 'the default parser' : '@typescript-eslint/parser'}`, () => {
    const corpus = loadCorpus();
    expect(corpus.missing.length, `${describeCorpus(corpus)}: regenerate with node bench/make-corpus.js`).toBeLessThanOrEqual(corpus.listed * MAX_MISSING);
    const started = performance.now();
    const problems: string[] = [];
    const unparsed: string[] = [];
    const byRule = new Map<string, number>(RULE_IDS.map((id) => [id, 0]));
    let attempted = 0;
    for (const file of corpus.files) {
      if (file.typescript && parser === 'espree') continue; // TypeScript sources: only the TypeScript parser reads them
      attempted++;
      const outcome = lintAll({ text: readText(file), filename: virtualPath(file), parser, sourceType: file.sourceType });
      problems.push(...outcome.problems);
      if (outcome.parseError !== null) unparsed.push(`${file.path}: ${outcome.parseError}`);
      for (const finding of outcome.findings) byRule.set(finding.ruleId ?? '', (byRule.get(finding.ruleId ?? '') ?? 0) + 1);
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `corpus, ${parser}: ${describeCorpus(corpus)}; ${attempted} files × ${RULE_IDS.length} rules in ${seconds} s; ` +
        `${unparsed.length} not parsed; findings ${JSON.stringify(Object.fromEntries(byRule))}; ${problems.length} problems`,
    );
    if (process.env.SHOW_UNPARSED) console.log(unparsed.join('\n'));
    expect(problems).toEqual([]);
    expect(unparsed.length, unparsed.slice(0, 20).join('\n')).toBeLessThanOrEqual(attempted * MAX_UNPARSED);
    // The rules ran: real code has a handful of findings (the rules' own issues read each one).
    expect([...byRule.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });
}
