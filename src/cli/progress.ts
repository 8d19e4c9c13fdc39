/** "scanned N/M files" on stderr, only for runs long enough that silence would look like a hang. */

export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): boolean;
}

export interface ProgressOptions {
  stream: ProgressStream;
  total: number;
  /** Milliseconds of silence before the first line. */
  delay?: number;
  /** Minimum milliseconds between lines when the stream is not a terminal (a CI log keeps every line). */
  interval?: number;
  now?: () => number;
}

export interface Progress {
  update(done: number): void;
  finish(): void;
}

export function createProgress({
  stream,
  total,
  delay = 2000,
  interval = 2000,
  now = Date.now,
}: ProgressOptions): Progress {
  const start = now();
  let lastPrinted: number | null = null;
  const tty = stream.isTTY === true;

  return {
    update(done) {
      const time = now();
      if (time - start < delay) return;
      if (!tty && lastPrinted !== null && time - lastPrinted < interval) return;
      lastPrinted = time;
      const text = `leakproof: scanned ${done}/${total} files`;
      // On a terminal the line is rewritten in place (\r, then erase to the end of the line).
      stream.write(tty ? `\r${text}\u001b[K` : `${text}\n`);
    },
    finish() {
      if (tty && lastPrinted !== null) stream.write('\r\u001b[K');
    },
  };
}
