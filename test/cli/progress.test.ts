import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProgress } from '../../src/cli/progress.js';

/** A fake stderr and clock: what was written, at which (fake) time. */
function setup(isTTY: boolean, options: { counted?: boolean } = {}) {
  const writes: string[] = [];
  let time = 1000;
  const progress = createProgress({
    stream: { isTTY, write: (text) => writes.push(text) > 0 },
    total: 500,
    tick: 0,
    now: () => time,
    ...options,
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
      '\rleakproof: scanned 100/500 files (2 s)\u001b[K',
      '\rleakproof: scanned 200/500 files (2 s)\u001b[K',
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
    expect(writes).toEqual(['leakproof: scanned 100/500 files (2 s)\n', 'leakproof: scanned 300/500 files (4 s)\n']);
  });

  it('names a large file at once, before the delay and between lines, until the next batch is done', () => {
    const { writes, progress, advance } = setup(false);
    progress.largeFile('dist-src/bundle.min.js', 3.5 * 1024 * 1024);
    advance(28_000);
    progress.update(1);
    advance(100);
    progress.largeFile('vendor/big.js', 700 * 1024);
    progress.finish();
    expect(writes).toEqual([
      'leakproof: scanned 0/500 files; linting dist-src/bundle.min.js, 3.5 MB (0 s)\n',
      'leakproof: scanned 1/500 files (28 s)\n',
      'leakproof: scanned 1/500 files; linting vendor/big.js, 700 KB (28 s)\n',
    ]);
  });

  it('says "scanning" without a count when ESLint lints every file at once on worker threads', () => {
    const { writes, progress, advance } = setup(false, { counted: false });
    advance(3000);
    progress.update(0);
    expect(writes).toEqual(['leakproof: scanning 500 files on worker threads (3 s)\n']);
  });
});

describe('createProgress: the timer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('refreshes the line while no batch completes, and stops at the end', () => {
    vi.useFakeTimers({ now: 0 });
    const writes: string[] = [];
    const progress = createProgress({
      stream: { isTTY: false, write: (text) => writes.push(text) > 0 },
      total: 40,
      counted: false,
    });
    vi.advanceTimersByTime(6000);
    progress.finish();
    vi.advanceTimersByTime(6000);
    expect(writes).toEqual([
      'leakproof: scanning 40 files on worker threads (2 s)\n',
      'leakproof: scanning 40 files on worker threads (4 s)\n',
      'leakproof: scanning 40 files on worker threads (6 s)\n',
    ]);
  });
});
