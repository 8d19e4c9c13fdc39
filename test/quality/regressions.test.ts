/**
 * What the fuzz tests found in the rules, each as the smallest program that showed it, with the exact report and
 * suggestion the rule gives now.
 * - no-leaked-timer wrote a class field's or object property's key after a dot whatever it was: `this.[Symbol.dispose]`
 *   and `this.0` (suggestions that do not parse), `this.my-timer` (a subtraction), `this.timer` for `#timer` (another
 *   property): keys are now written as code (src/analysis/timers.ts, memberText()).
 * - no-implicit-global suggested `new f?.()` (which does not parse) for a constructor called as `f?.()`: no
 *   suggestion for an optional call.
 */
import noImplicitGlobal from '../../rules/no-implicit-global.js';
import noLeakedTimer from '../../rules/no-leaked-timer.js';
import { commonjsTester, typescriptTester } from '../rules/tester.js';

const teardownMisses = (storage: string, line: number, column: number, output: string) => ({
  messageId: 'teardownMisses' as const,
  data: {
    teardown: 'close',
    starter: 'the field initializer of `Poller`',
    storage,
    retention: 'its callback `tick` stays alive',
  },
  line,
  column,
  suggestions: [
    { messageId: 'clearInTeardown' as const, data: { clear: 'clearInterval', storage, teardown: 'close' }, output },
  ],
});

commonjsTester.run('no-leaked-timer: member keys written as code', noLeakedTimer, {
  valid: [
    // Each suggestion below, applied: the rule is satisfied by it.
    'class Poller {\n  [Symbol.dispose] = setInterval(tick, 1000);\n  close() { clearInterval(this[Symbol.dispose]); }\n}\n',
    'class Poller {\n  #timer = setInterval(tick, 1000);\n  close() { clearInterval(this.#timer); }\n}\n',
    'class Poller {\n  \'my-timer\' = setInterval(tick, 1000);\n  close() { clearInterval(this["my-timer"]); }\n}\n',
    'class Poller {\n  0 = setInterval(tick, 1000);\n  close() { clearInterval(this["0"]); }\n}\n',
  ],
  invalid: [
    {
      code: 'class Poller {\n  [Symbol.dispose] = setInterval(tick, 1000);\n  close() {}\n}\n',
      errors: [
        teardownMisses(
          'this[Symbol.dispose]',
          2,
          22,
          'class Poller {\n  [Symbol.dispose] = setInterval(tick, 1000);\n  close() { clearInterval(this[Symbol.dispose]); }\n}\n',
        ),
      ],
    },
    {
      code: 'class Poller {\n  #timer = setInterval(tick, 1000);\n  close() {}\n}\n',
      errors: [
        teardownMisses(
          'this.#timer',
          2,
          12,
          'class Poller {\n  #timer = setInterval(tick, 1000);\n  close() { clearInterval(this.#timer); }\n}\n',
        ),
      ],
    },
    {
      code: "class Poller {\n  'my-timer' = setInterval(tick, 1000);\n  close() {}\n}\n",
      errors: [
        teardownMisses(
          'this["my-timer"]',
          2,
          16,
          'class Poller {\n  \'my-timer\' = setInterval(tick, 1000);\n  close() { clearInterval(this["my-timer"]); }\n}\n',
        ),
      ],
    },
    {
      code: 'class Poller {\n  0 = setInterval(tick, 1000);\n  close() {}\n}\n',
      errors: [
        teardownMisses(
          'this["0"]',
          2,
          7,
          'class Poller {\n  0 = setInterval(tick, 1000);\n  close() { clearInterval(this["0"]); }\n}\n',
        ),
      ],
    },
  ],
});

typescriptTester.run('no-leaked-timer: member keys written as code (TypeScript)', noLeakedTimer, {
  valid: [],
  invalid: [
    {
      code: 'class Poller {\n  private readonly [Symbol.dispose] = setInterval(tick, 1000);\n  close(): void {}\n}\n',
      errors: [
        teardownMisses(
          'this[Symbol.dispose]',
          2,
          39,
          'class Poller {\n  private readonly [Symbol.dispose] = setInterval(tick, 1000);\n  close(): void { clearInterval(this[Symbol.dispose]); }\n}\n',
        ),
      ],
    },
  ],
});

commonjsTester.run('no-implicit-global: no `new` for an optional call', noImplicitGlobal, {
  valid: [],
  invalid: [
    {
      code: 'function Handler(req) {\n  this.req = req;\n}\nmodule.exports = (req) => Handler?.(req);\n',
      errors: [
        {
          messageId: 'calledWithoutNew',
          data: { name: 'Handler', property: 'req' },
          line: 4,
          column: 27,
          suggestions: [],
        },
      ],
    },
  ],
});
