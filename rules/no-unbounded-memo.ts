/**
 * no-unbounded-memo: a memo cache whose key space has no bound, kept for the life of the process.
 *
 * A long-lived `Map` or dictionary (module-level, or a field of a long-lived owner) that a function callers call fills
 * under keys no caller can keep few (src/analysis/memo-caches), with nothing that deletes entries or checks the size:
 * - keys made from per-call data: a serialised argument (`JSON.stringify(opts)`), or a URL, path, SQL text, host or id
 *   taken from the arguments, bare or inside a template or a concatenation;
 * - keys that are the callers' objects (`cache.set(options, …)`): a `WeakMap` would let each go with its object;
 * - entries stamped with an expiry that the code compares with the clock but never deletes;
 * - arrays under keys, emptied by `splice` where the key is never deleted (any instance, not only long-lived ones).
 * Strict: whether callers pass few keys or many is a fact about the program, which the file does not show.
 * no-unbounded-collection reports keyed growth from handlers, listeners and per-unit methods; this rule the rest.
 */
import { type TSESLint } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule.js';
import { memoCaches, memoHolderWords, type MemoCache } from '../src/analysis/memo-caches.js';

type MessageIds = 'dataKey' | 'serialisedKey' | 'objectKey' | 'emptiedKept' | 'useWeakMap';

const FIX = 'Bound it (an LRU with a maximum size), or delete entries when they expire.';

export default createRule<[], MessageIds>({
  name: 'no-unbounded-memo',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow long-lived memo caches keyed by per-call data, with no size bound or expiry that deletes',
      recommended: 'strict',
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      dataKey: `\`{{name}}\` gains an entry {{trigger}} under a key made from \`{{source}}\`, which has no fixed set of values, and nothing removes entries; {{holder}} keeps every one. ${FIX}`,
      serialisedKey: `\`{{name}}\` gains an entry {{trigger}} under \`{{source}}\`, a new key for every different value callers pass, and nothing removes entries; {{holder}} keeps every one. ${FIX}`,
      objectKey:
        '`{{name}}` is keyed by `{{source}}`, the object each caller passes, and gains an entry for each new one {{trigger}}; nothing removes entries, so {{holder}} keeps every such object and its entry alive. Make it a `WeakMap`, or bound its size.',
      emptiedKept:
        '`{{name}}` may gain a new key {{trigger}}, and the `splice` at line {{line}} empties its array but never deletes the key, so {{holder}} keeps a key and an empty array for every key ever used. Delete the key when its array is empty.',
      useWeakMap: 'Make `{{name}}` a `WeakMap`, so each entry goes when its key object is collected.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      'Program:exit'() {
        for (const cache of memoCaches(sourceCode)) report(cache);
      },
    };

    function report(cache: MemoCache): void {
      const data = { name: cache.name, trigger: cache.trigger, holder: memoHolderWords(cache.holder) };
      const reason = cache.reason;
      const weak = cache.weakable;
      const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = weak
        ? [{ messageId: 'useWeakMap', data: { name: cache.name }, fix: (fixer) => fixer.replaceText(weak, 'WeakMap') }]
        : [];
      const node = cache.site.node;
      if (reason.kind === 'expiry') return; // no-unbounded-collection reports those (recommended)
      if (reason.kind === 'emptied')
        context.report({ node, messageId: 'emptiedKept', data: { ...data, line: reason.splice.loc.start.line } });
      else if (reason.kind === 'object')
        context.report({ node, messageId: 'objectKey', data: { ...data, source: reason.source }, suggest });
      else
        context.report({
          node,
          messageId: reason.kind === 'data' ? 'dataKey' : 'serialisedKey',
          data: { ...data, source: reason.source },
        });
    }
  },
});
