/** no-leaked-timer, case 8: a timeout per operation that its callback shows can outlive the operation. */
import { outdent } from 'outdent';
import rule from '../../rules/no-leaked-timer.js';
import { commonjsTester, typescriptTester } from './tester.js';

const client = (callback: string, delay = 'this.options.commandTimeout') =>
  outdent`
    class Client {
      send(command) {
        this.queue.push(command);
        setTimeout(() => {
    ${callback}
        }, ${delay});
        return command.promise;
      }
    }
    module.exports = Client;
  `;

commonjsTester.run('no-leaked-timer: timeouts that outlive their operation', rule, {
  valid: [
    // A short timeout lets go soon.
    client(`      if (!command.isResolved) command.reject(new Error('timed out'));`, '500'),
    // No completion check: the file does not say the operation can end first.
    client(`      command.reject(new Error('timed out'));`),
    // The flag is the owner's state, not the operation's.
    client(`      if (!this.connected) this.fail(command);`),
    // More work after the check than the check guards.
    client(`      if (command.isResolved) log('late');\n      command.reject(new Error('timed out'));`),
    // Run once, at start-up.
    outdent`
      const boot = { done: false };
      function main() {
        let started = false;
        setTimeout(() => { if (!started) process.exit(1); }, 30000);
        started = true;
      }
      main();
    `,
  ],
  invalid: [
    {
      code: client(`      if (!command.isResolved) command.reject(new Error('timed out'));`),
      errors: [
        {
          messageId: 'outlivesOperation',
          data: {
            where: 'in `send()`',
            flag: 'command.isResolved',
            retention: 'its callback keeps `command` alive',
            trigger: 'on every call of `send()`',
          },
          line: 4,
          column: 5,
        },
      ],
    },
    {
      // A captured flag, checked with an early return.
      code: outdent`
        module.exports = function request(url, ms) {
          let done = false;
          const req = open(url, () => { done = true; });
          setTimeout(() => {
            if (done) return;
            req.abort();
          }, ms);
          return req;
        };
      `,
      errors: [
        {
          messageId: 'outlivesOperation',
          data: {
            where: 'in `request()`',
            flag: 'done',
            retention: 'its callback keeps `done` and `req` alive',
            trigger: 'on every call of `request()`',
          },
          line: 4,
          column: 3,
        },
      ],
    },
  ],
});

typescriptTester.run('no-leaked-timer: timeouts that outlive their operation (TypeScript)', rule, {
  valid: [
    outdent`
      export function call(op: Op, ms: number): void {
        const timer = setTimeout(() => { if (!op.settled) op.fail(); }, ms);
        op.promise.finally(() => clearTimeout(timer));
      }
    `,
  ],
  invalid: [
    {
      code: outdent`
        export function call(op: Op, ms: number): void {
          setTimeout(() => { if (!op.settled) op.fail(); }, ms);
        }
      `,
      errors: [
        {
          messageId: 'outlivesOperation',
          data: {
            where: 'in `call()`',
            flag: 'op.settled',
            retention: 'its callback keeps `op` alive',
            trigger: 'on every call of `call()`',
          },
          line: 2,
          column: 3,
        },
      ],
    },
  ],
});
