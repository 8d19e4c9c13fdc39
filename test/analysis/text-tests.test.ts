/** Whole-text tests asked by several rules of one file. */
import { describe, expect, it } from 'vitest';
import { askText } from '../../src/analysis/text-tests.js';

describe('askText', () => {
  it('runs a test once for a text, again for the next text, and keeps tests apart', () => {
    const seen: string[] = [];
    const saysTimer = (text: string): boolean => {
      seen.push(text);
      return text.includes('setInterval');
    };
    const saysThis = (text: string): boolean => text.includes('this');
    expect(askText('setInterval(tick, 10)', saysTimer)).toBe(true);
    expect(askText('setInterval(tick, 10)', saysTimer)).toBe(true);
    expect(askText('setInterval(tick, 10)', saysThis)).toBe(false);
    expect(askText('this.x = 1', saysTimer)).toBe(false);
    expect(askText('this.x = 1', saysThis)).toBe(true);
    expect(seen).toEqual(['setInterval(tick, 10)', 'this.x = 1']);
  });
});
