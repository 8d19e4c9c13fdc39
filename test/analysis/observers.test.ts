import type { TSESTree } from '@typescript-eslint/utils';
import { outdent } from 'outdent';
import { describe, expect, it } from 'vitest';
import { disconnectsItself, holderOf, observerCreationOf } from '../../src/analysis/observers.js';
import { findNode, withSourceCode } from './parse.js';

/** The creation and holder of the first `new …Observer(` in the code. */
const observe = (code: string, sourceType: 'commonjs' | 'module' = 'module') =>
  withSourceCode(
    code,
    (sourceCode) => {
      const node = findNode(sourceCode, 'new ', 'NewExpression') as TSESTree.NewExpression;
      const creation = observerCreationOf(sourceCode, node);
      if (!creation) return null;
      const holder = holderOf(sourceCode, creation);
      return {
        type: creation.type,
        timeline: creation.timeline,
        holder: holder.kind === 'kept' ? holder.name : holder.kind,
        disconnectsItself: disconnectsItself(sourceCode, creation, holder),
      };
    },
    sourceType,
  );

describe('observerCreationOf and holderOf', () => {
  it('finds the host observers, bare or through the global object, and where they are kept', () => {
    expect(observe(`const ro = new ResizeObserver(() => {});`)).toEqual({
      type: 'ResizeObserver',
      timeline: false,
      holder: 'ro',
      disconnectsItself: false,
    });
    expect(observe(`class A { m() { this.io = new window.IntersectionObserver(cb); } }`)).toMatchObject({
      type: 'IntersectionObserver',
      holder: 'this.io',
    });
    expect(observe(`class A { mo = new MutationObserver(cb); }`)).toMatchObject({ holder: 'this.mo' });
    expect(observe(`new ResizeObserver(cb).observe(document.body);`)).toMatchObject({ holder: 'chained' });
    expect(observe(`export const make = () => watch(new ResizeObserver(cb));`)).toMatchObject({ holder: 'escapes' });
    expect(
      observe(
        outdent`
          const { PerformanceObserver } = require('node:perf_hooks');
          const p = new PerformanceObserver(cb);
        `,
        'commonjs',
      ),
    ).toMatchObject({
      type: 'PerformanceObserver',
      timeline: true,
      holder: 'p',
    });
  });

  it('ignores classes of the file and other constructors', () => {
    expect(observe(`class ResizeObserver {}\nconst r = new ResizeObserver();`)).toBeNull();
    expect(
      observe(outdent`
        import { ResizeObserver } from './polyfill';
        const r = new ResizeObserver(cb);
      `),
    ).toBeNull();
    expect(observe(`const r = new Observer(cb);`)).toBeNull();
  });

  it('recognises a callback that disconnects its own Resize or Intersection observer', () => {
    expect(observe(`new ResizeObserver((entries, self) => self.disconnect()).observe(el);`)).toMatchObject({
      disconnectsItself: true,
    });
    expect(observe(`const io = new IntersectionObserver(() => { io.disconnect(); });`)).toMatchObject({
      disconnectsItself: true,
    });
    // A MutationObserver may never call back.
    expect(observe(`const mo = new MutationObserver(() => mo.disconnect());`)).toMatchObject({
      disconnectsItself: false,
    });
  });
});
