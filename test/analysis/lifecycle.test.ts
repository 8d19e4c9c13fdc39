/** Component lifecycles: what undoes a mount, in a message's words. */
import { outdent } from 'outdent';
import { describe, expect, it } from 'vitest';
import type { FunctionNode } from '../../src/analysis/ast.js';
import { effectCleanupClause, lifecycleOf, teardownClause } from '../../src/analysis/lifecycle.js';
import { findNode, withSourceCode } from './parse.js';

/** The teardown clause for the lifecycle function that starts with `prefix`, given the component's methods. */
const clause = (code: string, prefix: string, type: string, methods: readonly string[]) =>
  withSourceCode(
    code,
    (sourceCode) => {
      const lifecycle = lifecycleOf(findNode(sourceCode, prefix, type) as FunctionNode);
      return lifecycle ? teardownClause(lifecycle, new Set(methods), 'remove') : 'not a lifecycle';
    },
    'module',
  );

describe('teardownClause', () => {
  const component = `class Clock extends HTMLElement { connectedCallback() { window.addEventListener('resize', f); } }`;

  it('names the teardown method that exists but misses, or the one that is missing', () => {
    expect(clause(component, '() {', 'FunctionExpression', ['disconnectedCallback'])).toBe(
      '`disconnectedCallback()` never removes it',
    );
    expect(clause(component, '() {', 'FunctionExpression', [])).toBe(
      'there is no `disconnectedCallback()` to remove it',
    );
  });

  it('names the missing hook of a hook lifecycle, and nothing for an effect that returns its cleanup', () => {
    const vue = outdent`
      import { onMounted } from 'vue';
      onMounted(() => { window.addEventListener('resize', f); });
    `;
    expect(clause(vue, '() =>', 'ArrowFunctionExpression', [])).toBe('no `onUnmounted()` hook removes it');
    const react = outdent`
      import { useEffect } from 'react';
      useEffect(() => { window.addEventListener('resize', f); });
    `;
    expect(clause(react, '() =>', 'ArrowFunctionExpression', [])).toBeNull();
  });
});

describe('effectCleanupClause', () => {
  const of = (effect: string, release: string) =>
    withSourceCode(
      `import { useEffect } from 'react';\nuseEffect(${effect});`,
      (sourceCode) => {
        const lifecycle = lifecycleOf(findNode(sourceCode, '() =>', 'ArrowFunctionExpression') as FunctionNode);
        return lifecycle ? effectCleanupClause(sourceCode, lifecycle, release) : 'not a lifecycle';
      },
      'module',
    );

  it('says the cleanup misses it, or that there is no cleanup, in one wording for every release', () => {
    expect(of('() => { on(); return () => off(); }', 'remove')).toBe(
      'the cleanup `useEffect()` returns never removes it',
    );
    expect(of('() => { on(); return stop; }', 'disconnect')).toBe(
      'the cleanup `useEffect()` returns never disconnects it',
    );
    expect(of('() => { on(); }', 'remove')).toBe('the `useEffect()` callback returns no cleanup that removes it');
    expect(of('() => on()', 'disconnect')).toBe('the `useEffect()` callback returns no cleanup that disconnects it');
  });
});
