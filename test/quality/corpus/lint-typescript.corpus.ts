/** The real-code corpus with @typescript-eslint/parser: see lint.ts. */
import { describe } from 'vitest';
import { lintCorpusWith } from './lint.js';

describe('real-code corpus: rules, @typescript-eslint/parser', () => lintCorpusWith('typescript'));
