/**
 * Progress on stderr, only for runs long enough that silence would look like a hang: "scanned N/M files" with the
 * time so far. It is refreshed by a timer as well as after each batch of files, and a large file about to be linted
 * is named at once, since ESLint may spend many seconds on it alone (a minified bundle) with nothing else to show.
 */

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
  /** Milliseconds between timer refreshes; 0 for none (tests drive the clock themselves). */
  tick?: number;
  /** false when the files are linted all at once (ESLint's worker threads): there is no count to show until the end. */
  counted?: boolean;
  now?: () => number;
}

export interface Progress {
  /** `done` files are linted. */
  update(done: number): void;
  /** A file of `bytes` bytes is about to be linted on its own: name it now, whatever the delay. */
  largeFile(shownPath: string, bytes: number): void;
  finish(): void;
}

export function createProgress({
  stream,
  total,
  delay = 2000,
  interval = 2000,
  tick = 1000,
  counted = true,
  now = Date.now,
}: ProgressOptions): Progress {
  const start = now();
  const tty = stream.isTTY === true;
  let lastPrinted: number | null = null;
  let done = 0;
  let current: string | null = null;

  function print(force: boolean): void {
    const time = now();
    if (!force) {
      if (time - start < delay) return;
      if (!tty && lastPrinted !== null && time - lastPrinted < interval) return;
    }
    lastPrinted = time;
    const seconds = Math.floor((time - start) / 1000);
    const count = counted ? `scanned ${done}/${total} files` : `scanning ${total} files on worker threads`;
    const text = `leakproof: ${count}${current ? `; linting ${current}` : ''} (${seconds} s)`;
    // On a terminal the line is rewritten in place (\r, then erase to the end of the line).
    stream.write(tty ? `\r${text}\u001b[K` : `${text}\n`);
  }

  const timer = tick > 0 ? setInterval(() => print(false), tick) : null;
  timer?.unref();

  return {
    update(count) {
      done = count;
      current = null;
      print(false);
    },
    largeFile(shownPath, bytes) {
      current = `${shownPath}, ${formatSize(bytes)}`;
      print(true);
    },
    finish() {
      if (timer) clearInterval(timer);
      if (tty && lastPrinted !== null) stream.write('\r\u001b[K');
    },
  };
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.round(bytes / 1024)} KB`;
}
