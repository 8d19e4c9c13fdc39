#!/usr/bin/env node
/**
 * The `leakproof` command: dispatches to a subcommand. Every failure ends as one line on stderr and exit code 2,
 * so the commands are modules loaded inside the try (even a module that fails to load is reported that way).
 */
import { CliError, describeError } from './cli-error.js';

type Command = (args: string[]) => Promise<number>;

const USAGE = `Usage: leakproof <command> [options]

Commands:
  scan [paths...]   find memory-leak patterns with leakproof's ESLint rules
  fix <codemod>     apply a codemod (strict-mode, clear-interval) to files
  prove <module>    run a module and show its leak in heap snapshots

Options:
  -h, --help        show this help
  -v, --version     print leakproof's version

Run 'leakproof <command> --help' for a command's options.
`;

const commands: Record<string, () => Promise<Command>> = {
  scan: async () => (await import('./scan.js')).scan,
  prove: async () => (await import('./prove.js')).runProve,
  fix: async () => (await import('./fix.js')).fix,
};

async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    process.stderr.write(USAGE);
    return 2;
  }
  if (first === '-h' || first === '--help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (first === '-v' || first === '--version') {
    const { default: plugin } = await import('../index.js');
    process.stdout.write(`${plugin.meta.version}\n`);
    return 0;
  }
  if (first.startsWith('-')) throw new CliError(`unknown option '${first}' (see 'leakproof --help')`);
  const load = Object.hasOwn(commands, first) ? commands[first] : undefined;
  if (!load) throw new CliError(`unknown command '${first}' (see 'leakproof --help')`);
  return (await load())(rest);
}

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // `leakproof scan | head` closes stdout early: nothing is wrong, and nothing more can be said.
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`leakproof: cannot write the output: ${error.message}\n`);
  process.exit(2);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`leakproof: ${describeError(error)}\n`);
    process.exitCode = 2;
  },
);
