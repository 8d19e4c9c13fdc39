/**
 * A proof for every rule: its docs example, leaky and fixed, as files in examples/proofs/<rule>/, linted (the rule
 * reports the leaky one, nothing reports the fix), proved (the leaky one leaks or retains, the fix is clean) and
 * linked (the retainer path passes through the identifier the report names). See harness.ts.
 */
import { describe, expect, it } from 'vitest';
import { rules } from '../../src/index.js';
import { defineProofSuite, passesThrough, mentions, ruleProofDirectories, ruleProofs } from './harness.js';

/**
 * Rules whose proof has not landed yet. Empty it as examples/proofs/<rule>/ appears: the test below fails both for a
 * rule without a proof that is missing here and for a rule listed here that has one.
 */
const RULES_AWAITING_PROOF: readonly string[] = [];

describe('every rule has a proof', () => {
  const ruleNames = Object.keys(rules).sort();
  const proofDirectories = ruleProofDirectories();

  it('has examples/proofs/<rule>/ for every rule of the plugin, except those awaiting one', () => {
    const missing = ruleNames.filter((name) => !proofDirectories.includes(name));
    expect(missing).toEqual([...RULES_AWAITING_PROOF].sort());
  });

  it('lists in RULES_AWAITING_PROOF only rules of the plugin that have no proof yet', () => {
    for (const name of RULES_AWAITING_PROOF) {
      expect(ruleNames, `${name} is not a rule`).toContain(name);
      expect(proofDirectories, `${name} has a proof: remove it from RULES_AWAITING_PROOF`).not.toContain(name);
    }
  });

  it('names every proof directory after a rule', () => {
    expect(proofDirectories.filter((name) => !ruleNames.includes(name))).toEqual([]);
  });

  it('gives every rule a fix to prove, not only a leak', () => {
    expect(
      ruleProofs()
        .filter((proof) => proof.fixed === undefined)
        .map((proof) => proof.name),
    ).toEqual([]);
  });
});

describe('the harness', () => {
  it('finds an identifier in a path as an edge, a holder or the target, and nowhere else', () => {
    expect(
      passesThrough('(GC roots) → … → requestLogs in system / Context → [31] in Array → Object', 'requestLogs'),
    ).toBe(true);
    expect(passesThrough('(GC roots) → name in global → Object', 'name')).toBe(true);
    expect(
      passesThrough(
        '(GC roots) → … → _onTimeout in Timeout → context in tick (×2) → big in system / Context → Array',
        'tick',
      ),
    ).toBe(true);
    expect(passesThrough('(GC roots) → … → timers in system / Context → [3] in Array → tick', 'tick')).toBe(true);
    expect(
      passesThrough('(GC roots) → … → requestLogsCopy in system / Context → [31] in Array → Object', 'requestLogs'),
    ).toBe(false);
    expect(passesThrough('(GC roots) → … → cache in system / Context → name in Object → (string)', 'Context')).toBe(
      false,
    );
  });

  it('finds an identifier in a message as a whole word', () => {
    expect(mentions('`visits` gains an entry on every call', 'visits')).toBe(true);
    expect(mentions('`visitsLog` gains an entry on every call', 'visits')).toBe(false);
    expect(mentions('`$visits` gains an entry', 'visits')).toBe(false);
  });
});

for (const proof of ruleProofs()) defineProofSuite(proof);
