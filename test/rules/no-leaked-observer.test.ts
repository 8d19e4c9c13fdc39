import rule from '../../rules/no-leaked-observer.js';
import { commonjsTester, jsxTester, moduleTester, typescriptTester } from './tester.js';

const BODY = '`document.body` lives as long as the page';
const ROOT = '`document.documentElement` lives as long as the page';
const TIMELINE = 'The performance timeline lives for the whole program';
const panelEffect = 'every time the `useEffect()` effect of `Panel` runs';

jsxTester.run('no-leaked-observer (React)', rule, {
  valid: [
    // Disconnected in the effect's cleanup.
    `import { useEffect } from 'react';\nexport function Panel() {\n  useEffect(() => {\n    const observer = new ResizeObserver(() => {});\n    observer.observe(document.body);\n    return () => observer.disconnect();\n  }, []);\n  return null;\n}`,
    // Every long-lived target unobserved.
    `import { useEffect } from 'react';\nexport function Panel() {\n  useEffect(() => {\n    const observer = new IntersectionObserver(() => {});\n    observer.observe(document.body);\n    return () => {\n      observer.unobserve(document.body);\n    };\n  }, []);\n  return null;\n}`,
    // The component's own element dies with the component, and takes the observer with it.
    `import { useEffect, useRef } from 'react';\nexport function Panel() {\n  const ref = useRef(null);\n  useEffect(() => {\n    const observer = new ResizeObserver(() => console.log(ref.current.offsetWidth));\n    observer.observe(ref.current);\n  }, []);\n  return <div ref={ref} />;\n}`,
    // Created once, at the top level.
    `const observer = new ResizeObserver(() => document.body.classList.toggle('wide', innerWidth > 800));\nobserver.observe(document.body);`,
    `new MutationObserver(() => {}).observe(document.documentElement, { attributes: true });`,
    // A Resize observer that disconnects itself: it notifies as soon as it observes.
    `import { useEffect } from 'react';\nexport function Panel() {\n  useEffect(() => {\n    new ResizeObserver((entries, self) => {\n      console.log(entries[0].contentRect.width);\n      self.disconnect();\n    }).observe(document.body);\n  }, []);\n  return null;\n}`,
    // Handed to the caller: the caller's to disconnect.
    `export function watchSize(onResize) {\n  const observer = new ResizeObserver(onResize);\n  observer.observe(document.body);\n  return observer;\n}`,
    // A class of the file's own with the same name is not the host's.
    `class ResizeObserver { observe() {} }\nexport function watch() { new ResizeObserver().observe(document.body); }`,
  ],
  invalid: [
    {
      // No cleanup at all.
      code: `import { useEffect } from 'react';\nexport function Panel() {\n  useEffect(() => {\n    const observer = new ResizeObserver(() => {});\n    observer.observe(document.body);\n  }, []);\n  return null;\n}`,
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
      code: `import { useEffect } from 'react';\nconst main = document.querySelector('main');\nexport function Panel() {\n  useEffect(() => {\n    const observer = new ResizeObserver(() => {});\n    observer.observe(document.body);\n    observer.observe(main);\n    return () => observer.unobserve(document.body);\n  }, []);\n  return null;\n}`,
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
      code: `import { useEffect } from 'react';\nexport function Panel({ onChange }) {\n  useEffect(() => {\n    const watcher = new MutationObserver(() => onChange(document.title));\n    watcher.observe(document.documentElement, { subtree: true, childList: true });\n    return () => onChange(null);\n  }, [onChange]);\n  return null;\n}`,
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
    `class Card extends HTMLElement {\n  connectedCallback() {\n    this.ro = new ResizeObserver(() => this.layout());\n    this.ro.observe(this);\n  }\n  layout() {}\n}\ncustomElements.define('x-card', Card);`,
    // Disconnected in disconnectedCallback, through a class field.
    `class Sticky extends HTMLElement {\n  io = new IntersectionObserver(() => this.update());\n  connectedCallback() {\n    this.io.observe(document.documentElement);\n  }\n  disconnectedCallback() {\n    this.io.disconnect();\n  }\n  update() {}\n}\ncustomElements.define('x-sticky', Sticky);`,
    // A node created in the same call dies with it.
    `export function measure(html) {\n  const box = document.createElement('div');\n  box.innerHTML = html;\n  new ResizeObserver(() => {}).observe(box);\n}`,
  ],
  invalid: [
    {
      code: `class Sticky extends HTMLElement {\n  connectedCallback() {\n    this.io = new IntersectionObserver(() => this.update());\n    this.io.observe(document.documentElement);\n  }\n  disconnectedCallback() {\n    this.classList.remove('stuck');\n  }\n  update() {}\n}\ncustomElements.define('x-sticky', Sticky);`,
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
      code: `class Sticky extends HTMLElement {\n  io = new IntersectionObserver(() => this.update());\n  connectedCallback() {\n    this.io.observe(document.documentElement);\n  }\n  update() {}\n}\ncustomElements.define('x-sticky', Sticky);`,
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
      code: `export function watch(onResize) {\n  new ResizeObserver(() => onResize(innerWidth)).observe(document.body);\n}`,
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
    `const { PerformanceObserver } = require('node:perf_hooks');\nmodule.exports = function time(fn) {\n  const observer = new PerformanceObserver((list) => console.log(list.getEntries()));\n  observer.observe({ entryTypes: ['function'] });\n  try {\n    return fn();\n  } finally {\n    observer.disconnect();\n  }\n};`,
    // One observer for the program.
    `const { PerformanceObserver } = require('perf_hooks');\nconst gc = new PerformanceObserver((list) => console.log(list.getEntries().length));\ngc.observe({ entryTypes: ['gc'] });`,
  ],
  invalid: [
    {
      code: `const { PerformanceObserver } = require('node:perf_hooks');\nmodule.exports = function time(fn) {\n  const stats = { calls: 0, started: Date.now() };\n  const observer = new PerformanceObserver(() => stats.calls++);\n  observer.observe({ entryTypes: ['function'] });\n  return fn();\n};`,
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
      code: `export class Layout {\n  private observer?: ResizeObserver;\n  attach(): void {\n    this.observer = new ResizeObserver(() => this.relayout()) as ResizeObserver;\n    this.observer.observe(document.body!);\n  }\n  relayout(): void {}\n}`,
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
