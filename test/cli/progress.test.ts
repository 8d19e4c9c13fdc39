import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/progress.js';

/** A fake stderr and clock: what was written, at which (fake) time. */
function setup(isTTY: boolean) {
  const writes: string[] = [];
  let time = 1000;
  const progress = createProgress({
    stream: { isTTY, write: (text) => writes.push(text) > 0 },
    total: 500,
    now: () => time,
  });
  return { writes, progress, advance: (ms: number) => (time += ms) };
}

describe('createProgress', () => {
  it('stays silent for a run shorter than two seconds', () => {
    const { writes, progress, advance } = setup(true);
    advance(1999);
    progress.update(100);
    progress.finish();
    expect(writes).toEqual([]);
  });

  it('on a terminal, rewrites one line in place and clears it at the end', () => {
    const { writes, progress, advance } = setup(true);
    advance(2000);
    progress.update(100);
    advance(10);
    progress.update(200);
    progress.finish();
    expect(writes).toEqual([
      '\rleakproof: scanned 100/500 files\u001b[K',
      '\rleakproof: scanned 200/500 files\u001b[K',
      '\r\u001b[K',
    ]);
  });

  it('elsewhere, prints whole lines at most every two seconds and leaves them', () => {
    const { writes, progress, advance } = setup(false);
    advance(2500);
    progress.update(100);
    advance(1000);
    progress.update(200); // too soon after the last line
    advance(1000);
    progress.update(300);
    progress.finish();
    expect(writes).toEqual(['leakproof: scanned 100/500 files\n', 'leakproof: scanned 300/500 files\n']);
  });
});
