import { outdent } from 'outdent';
import rule from '../../rules/no-leaked-observer.js';
import { commonjsTester, jsxTester, moduleTester, typescriptTester } from './tester.js';

const BODY = '`document.body` lives as long as the page';
const ROOT = '`document.documentElement` lives as long as the page';
const TIMELINE = 'The performance timeline lives for the whole program';
const panelEffect = 'every time the `useEffect()` effect of `Panel` runs';

jsxTester.run('no-leaked-observer (React)', rule, {
  valid: [
    // Disconnected in the effect's cleanup.
    outdent`
      import { useEffect } from 'react';
      export function Panel() {
        useEffect(() => {
          const observer = new ResizeObserver(() => {});
          observer.observe(document.body);
          return () => observer.disconnect();
        }, []);
        return null;
      }
    `,
    // Every long-lived target unobserved.
    outdent`
      import { useEffect } from 'react';
      export function Panel() {
        useEffect(() => {
          const observer = new IntersectionObserver(() => {});
          observer.observe(document.body);
          return () => {
            observer.unobserve(document.body);
          };
        }, []);
        return null;
      }
    `,
    // The component's own element dies with the component, and takes the observer with it.
    outdent`
      import { useEffect, useRef } from 'react';
      export function Panel() {
        const ref = useRef(null);
        useEffect(() => {
          const observer = new ResizeObserver(() => console.log(ref.current.offsetWidth));
          observer.observe(ref.current);
        }, []);
        return <div ref={ref} />;
      }
    `,
    // Created once, at the top level.
    outdent`
      const observer = new ResizeObserver(() => document.body.classList.toggle('wide', innerWidth > 800));
      observer.observe(document.body);
    `,
    `new MutationObserver(() => {}).observe(document.documentElement, { attributes: true });`,
    // A Resize observer that disconnects itself: it notifies as soon as it observes.
    outdent`
      import { useEffect } from 'react';
      export function Panel() {
        useEffect(() => {
          new ResizeObserver((entries, self) => {
            console.log(entries[0].contentRect.width);
            self.disconnect();
          }).observe(document.body);
        }, []);
        return null;
      }
    `,
    // Handed to the caller: the caller's to disconnect.
    outdent`
      export function watchSize(onResize) {
        const observer = new ResizeObserver(onResize);
        observer.observe(document.body);
        return observer;
      }
    `,
    // A class of the file's own with the same name is not the host's.
    outdent`
      class ResizeObserver { observe() {} }
      export function watch() { new ResizeObserver().observe(document.body); }
    `,
  ],
  invalid: [
    {
      // No cleanup at all.
      code: outdent`
        import { useEffect } from 'react';
        export function Panel() {
          useEffect(() => {
            const observer = new ResizeObserver(() => {});
            observer.observe(document.body);
          }, []);
          return null;
        }
      `,
      errors: [
        {
          messageId: 'leaked',
          data: {
            lifetime: BODY,
            type: 'ResizeObserver',
            holder: ' (`observer`)',
            trigger: panelEffect,
            release: 'the `useEffect()` callback returns no cleanup that disconnects it',
            target: '`document.body`',
          },
          line: 4,
          column: 26,
        },
      ],
    },
    {
      // A cleanup that unobserves one of its two long-lived targets.
      code: outdent`
        import { useEffect } from 'react';
        const main = document.querySelector('main');
        export function Panel() {
          useEffect(() => {
            const observer = new ResizeObserver(() => {});
            observer.observe(document.body);
            observer.observe(main);
            return () => observer.unobserve(document.body);
          }, []);
          return null;
        }
      `,
      errors: [
        {
          messageId: 'leaked',
          data: {
            lifetime: '`main` is created once at module level (line 2) and lives as long as the module',
            type: 'ResizeObserver',
            holder: ' (`observer`)',
            trigger: panelEffect,
            release: '`unobserve()` releases some of its targets but never `main`, and nothing disconnects it',
            target: '`main`',
          },
          line: 5,
          column: 26,
        },
      ],
    },
    {
      // A MutationObserver has no unobserve(): only disconnect() releases it, and the cleanup does something else.
      code: outdent`
        import { useEffect } from 'react';
        export function Panel({ onChange }) {
          useEffect(() => {
            const watcher = new MutationObserver(() => onChange(document.title));
            watcher.observe(document.documentElement, { subtree: true, childList: true });
            return () => onChange(null);
          }, [onChange]);
          return null;
        }
      `,
      errors: [
        {
          messageId: 'leaked',
          data: {
            lifetime: ROOT,
            type: 'MutationObserver',
            holder: ' (`watcher`)',
            trigger: panelEffect,
            release: 'the cleanup `useEffect()` returns never disconnects it',
            target: '`document.documentElement`',
          },
          line: 4,
          column: 25,
        },
      ],
    },
  ],
});

moduleTester.run('no-leaked-observer (custom elements and functions)', rule, {
  valid: [
    // Observing the element itself: it dies with the element.
    outdent`
      class Card extends HTMLElement {
        connectedCallback() {
          this.ro = new ResizeObserver(() => this.layout());
          this.ro.observe(this);
        }
        layout() {}
      }
      customElements.define('x-card', Card);
    `,
    // Disconnected in disconnectedCallback, through a class field.
    outdent`
      class Sticky extends HTMLElement {
        io = new IntersectionObserver(() => this.update());
        connectedCallback() {
          this.io.observe(document.documentElement);
        }
        disconnectedCallback() {
          this.io.disconnect();
        }
        update() {}
      }
      customElements.define('x-sticky', Sticky);
    `,
    // A node created in the same call dies with it.
    outdent`
      export function measure(html) {
        const box = document.createElement('div');
        box.innerHTML = html;
        new ResizeObserver(() => {}).observe(box);
      }
    `,
  ],
  invalid: [
    {
      code: outdent`
        class Sticky extends HTMLElement {
          connectedCallback() {
            this.io = new IntersectionObserver(() => this.update());
            this.io.observe(document.documentElement);
          }
          disconnectedCallback() {
            this.classList.remove('stuck');
          }
          update() {}
        }
        customElements.define('x-sticky', Sticky);
      `,
      errors: [
        {
          messageId: 'leaked',
          data: {
            lifetime: ROOT,
            type: 'IntersectionObserver',
            holder: ' (`this.io`)',
            trigger: 'on every mount of `Sticky` (`connectedCallback()`)',
            release: '`disconnectedCallback()` never disconnects it',
            target: '`document.documentElement`',
          },
          line: 3,
          column: 19,
        },
      ],
    },
    {
      // A class field: one observer per element, observing from every mount, never disconnected.
      code: outdent`
        class Sticky extends HTMLElement {
          io = new IntersectionObserver(() => this.update());
          connectedCallback() {
            this.io.observe(document.documentElement);
          }
          update() {}
        }
        customElements.define('x-sticky', Sticky);
      `,
      errors: [
        {
          messageId: 'leaked',
          data: {
            lifetime: ROOT,
            type: 'IntersectionObserver',
            holder: ' (`this.io`)',
            trigger: 'on every mount of `Sticky` (`connectedCallback()`)',
            release: 'there is no `disconnectedCallback()` to disconnect it',
            target: '`document.documentElement`',
          },
          line: 2,
          column: 12,
        },
      ],
    },
    {
      // Not kept: nothing can ever disconnect it.
      code: outdent`
        export function watch(onResize) {
          new ResizeObserver(() => onResize(innerWidth)).observe(document.body);
        }
      `,
      errors: [
        {
          messageId: 'leaked',
          data: {
            lifetime: BODY,
            type: 'ResizeObserver',
            holder: '',
            trigger: 'on every call of `watch()`',
            release: 'it is not kept anywhere that could disconnect it',
            target: '`document.body`',
          },
          line: 2,
          column: 7,
        },
      ],
    },
  ],
});

commonjsTester.run('no-leaked-observer (Node)', rule, {
  valid: [
    // Disconnected when the work is done.
    outdent`
      const { PerformanceObserver } = require('node:perf_hooks');
      module.exports = function time(fn) {
        const observer = new PerformanceObserver((list) => console.log(list.getEntries()));
        observer.observe({ entryTypes: ['function'] });
        try {
          return fn();
        } finally {
          observer.disconnect();
        }
      };
    `,
    // One observer for the program.
    outdent`
      const { PerformanceObserver } = require('perf_hooks');
      const gc = new PerformanceObserver((list) => console.log(list.getEntries().length));
      gc.observe({ entryTypes: ['gc'] });
    `,
  ],
  invalid: [
    {
      code: outdent`
        const { PerformanceObserver } = require('node:perf_hooks');
        module.exports = function time(fn) {
          const stats = { calls: 0, started: Date.now() };
          const observer = new PerformanceObserver(() => stats.calls++);
          observer.observe({ entryTypes: ['function'] });
          return fn();
        };
      `,
      errors: [
        {
          messageId: 'leaked',
          data: {
            lifetime: TIMELINE,
            type: 'PerformanceObserver',
            holder: ' (`observer`)',
            trigger: 'on every call of `time()`',
            release: 'nothing in this file disconnects it',
            target: 'the performance timeline',
          },
          line: 4,
          column: 24,
        },
      ],
    },
  ],
});

typescriptTester.run('no-leaked-observer (TypeScript)', rule, {
  valid: [],
  invalid: [
    {
      code: outdent`
        export class Layout {
          private observer?: ResizeObserver;
          attach(): void {
            this.observer = new ResizeObserver(() => this.relayout()) as ResizeObserver;
            this.observer.observe(document.body!);
          }
          relayout(): void {}
        }
      `,
      errors: [
        {
          messageId: 'leaked',
          data: {
            lifetime: BODY,
            type: 'ResizeObserver',
            holder: ' (`this.observer`)',
            trigger: 'on every call of `attach()`',
            release: 'nothing in this file disconnects it',
            target: '`document.body`',
          },
          line: 4,
          column: 25,
        },
      ],
    },
  ],
});
