/**
 * The docs cannot drift from the proofs: every examples/proofs/<rule>/leaky.* and fixed.* is, verbatim, the whole of
 * a fenced code block of docs/rules/<rule>.md.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROOFS_DIR, ruleProofDirectories } from './harness.js';

const DOCS_DIR = fileURLToPath(new URL('../../docs/rules/', import.meta.url));

/** The contents of the fenced code blocks (``` or ~~~, three or more) of a Markdown text, without their fences. */
function fencedBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  let fence: string | undefined;
  let body: string[] = [];
  for (const line of markdown.split(/\r?\n/)) {
    if (fence === undefined) {
      const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      if (open) {
        fence = open[1]!;
        body = [];
      }
    } else if (new RegExp(`^ {0,3}${fence[0]}{${fence.length},}\\s*$`).test(line)) {
      blocks.push(body.join('\n'));
      fence = undefined;
    } else {
      body.push(line);
    }
  }
  return blocks;
}

const withoutFinalNewline = (text: string): string => text.replace(/\r?\n$/, '');

describe('fencedBlocks', () => {
  it('reads ``` and ~~~ blocks, longer fences, and nothing outside them', () => {
    const markdown = [
      'text',
      '```js',
      'a();',
      '',
      'b();',
      '```',
      'between',
      '~~~~',
      '```',
      'c',
      '~~~~',
      '```',
      '```',
    ].join('\n');
    expect(fencedBlocks(markdown)).toEqual(['a();\n\nb();', '```\nc', '']);
  });
});

describe.each(ruleProofDirectories())('docs/rules/%s.md', (rule) => {
  const files = readdirSync(join(PROOFS_DIR, rule)).filter((name) => /^(leaky|fixed)\.[cm]?js$/.test(name));

  it('has a docs page and a leaky example to show', () => {
    expect(existsSync(join(DOCS_DIR, `${rule}.md`))).toBe(true);
    expect(files.some((name) => name.startsWith('leaky.'))).toBe(true);
  });

  it.each(files)('shows %s verbatim, as a whole fenced code block', (name) => {
    const blocks = fencedBlocks(readFileSync(join(DOCS_DIR, `${rule}.md`), 'utf8'));
    const source = withoutFinalNewline(readFileSync(join(PROOFS_DIR, rule, name), 'utf8'));
    expect(blocks).toContain(source);
  });
});
