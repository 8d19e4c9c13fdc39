/** Whole-text tests asked by several rules of one file. */
import { describe, expect, it } from 'vitest';
import { askText, indexOfText, wordsEndingIn } from '../../src/analysis/text-tests.js';

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

describe('indexOfText', () => {
  it('finds what indexOf finds, for short and long literals, from any offset', () => {
    const text = 'ObservableObserve Observer; Observer(setTimeou setTimeout)';
    for (const literal of ['Observer', 'Observ', 'setTimeout', 'Observe', 'Obs', 'missing literal', 'r']) {
      for (let from = 0; from <= text.length + 1; from++) {
        expect(indexOfText(text, literal, from)).toBe(text.indexOf(literal, from));
      }
    }
  });
});

describe('wordsEndingIn', () => {
  it('lists where whole words made of a prefix and the suffix start', () => {
    const text = 'new ResizeObserver(a); MyResizeObserver; ResizeObservers; IntersectionObserver';
    expect([...wordsEndingIn(text, 'Observer', ['Resize', 'Intersection'])]).toEqual([4, 58]);
  });
});
