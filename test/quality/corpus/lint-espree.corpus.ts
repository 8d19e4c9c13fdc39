/** The real-code corpus with the default parser (espree): see lint.ts. */
import { describe } from 'vitest';
import { lintCorpusWith } from './lint.js';

describe('real-code corpus: rules, default parser', () => lintCorpusWith('espree'));
