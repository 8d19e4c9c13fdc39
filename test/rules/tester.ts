/** Rule testers for the parsers users run: espree for JavaScript, @typescript-eslint/parser for TypeScript. */
import { RuleTester } from '@typescript-eslint/rule-tester';
import * as espree from 'espree';

/** JavaScript as a CommonJS module: sloppy unless it says `'use strict'`. */
export const commonjsTester = new RuleTester({
  languageOptions: { parser: espree, sourceType: 'commonjs', ecmaVersion: 'latest' },
});

/** A classic script (browser `<script>`): sloppy, top-level declarations are globals. */
export const scriptTester = new RuleTester({
  languageOptions: { parser: espree, sourceType: 'script', ecmaVersion: 'latest' },
});

/** An ES module: strict. */
export const moduleTester = new RuleTester({
  languageOptions: { parser: espree, sourceType: 'module', ecmaVersion: 'latest' },
});

/** JSX in an ES module. */
export const jsxTester = new RuleTester({
  languageOptions: {
    parser: espree,
    sourceType: 'module',
    ecmaVersion: 'latest',
    parserOptions: { ecmaFeatures: { jsx: true } },
  },
});

/** TypeScript through @typescript-eslint/parser (the tester's default parser). */
export const typescriptTester = new RuleTester();
