/**
 * The contract between a codemod and what runs it (`leakproof fix`, or jscodeshift through `jscodeshiftTransform`).
 * A codemod is a pure function of a file's text and path: it reads nothing else but the nearest package.json.
 */

/**
 * What the transforms read of jscodeshift's arguments, declared here: @types/jscodeshift is no dependency of the
 * package (jscodeshift is an optional peer), so the shipped declarations must not name it.
 */
export interface FileInfo {
  path: string;
  source: string;
}
export interface API {
  report(message: string): void;
}
export type Options = Record<string, unknown>;

export type CodemodStatus = 'changed' | 'unchanged' | 'skipped';

export interface CodemodNote {
  /** 1-based line in the input, when the note is about one place. */
  line?: number;
  message: string;
}

export interface SkipReason extends CodemodNote {
  /** A short, stable label the summary groups skips by: `ES module`, `already strict`, `would change behaviour`. */
  category: string;
}

export interface ReviewNote extends CodemodNote {
  /** `declared`: strict-mode declared an implicit global (--declare); `decision`: a TODO someone has to resolve. */
  kind: 'declared' | 'decision';
}

export interface CodemodOutcome {
  status: CodemodStatus;
  /** The new text of the file; the input itself unless the status is `changed`. */
  output: string;
  /** Why a skipped file was left alone (at least one entry), or why places in a changed file were. */
  skipped: SkipReason[];
  /** What a person should look at in the changed file (declared globals, TODOs left to resolve). */
  review: ReviewNote[];
}

export interface CodemodOptions {
  /** strict-mode: declare implicit globals instead of skipping the file. */
  declare?: boolean;
}

export interface Codemod {
  name: string;
  run(source: string, file: string, options?: CodemodOptions): CodemodOutcome;
}

export function unchanged(source: string, review: ReviewNote[] = [], skipped: SkipReason[] = []): CodemodOutcome {
  return { status: 'unchanged', output: source, skipped, review };
}

export function skip(source: string, reasons: SkipReason[]): CodemodOutcome {
  return { status: 'skipped', output: source, skipped: reasons, review: [] };
}

/**
 * The codemod as a jscodeshift transform (`jscodeshift -t dist/codemods/<name>.js`): it returns the new source, the
 * unchanged source, or undefined for a skipped file, and reports every skip reason and review note through
 * `api.report`, which jscodeshift prints. Options come from jscodeshift's command line (`--declare`).
 */
export function jscodeshiftTransform(
  codemod: Codemod,
): (file: FileInfo, api: API, options: Options) => string | undefined {
  return (file, api, options) => {
    const outcome = codemod.run(file.source, file.path, {
      declare: options.declare === true || options.declare === 'true',
    });
    for (const note of [...outcome.skipped, ...outcome.review]) {
      api.report(`${note.line === undefined ? '' : `line ${note.line}: `}${note.message}`);
    }
    if (outcome.status === 'skipped') return undefined;
    return outcome.output;
  };
}
