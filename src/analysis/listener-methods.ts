/**
 * The method names that add and remove listeners, on Node's emitters and the DOM's event targets: the vocabulary
 * every module that recognises a registration shares. Here, apart from listeners.ts's analysis, so that modules
 * listeners.ts depends on can use them too.
 */

/** Methods that add a listener for every event, until it is removed. */
export const EVERY_EVENT_METHODS: ReadonlySet<string> = new Set([
  'on',
  'addListener',
  'prependListener',
  'addEventListener',
]);
/** Methods that add a listener for the next event only. */
export const ONCE_METHODS: ReadonlySet<string> = new Set(['once', 'prependOnceListener']);
/** Every method that adds a listener. */
export const ADD_METHODS: ReadonlySet<string> = new Set([...EVERY_EVENT_METHODS, ...ONCE_METHODS]);
/** Every method that removes one listener. */
export const REMOVE_METHODS: ReadonlySet<string> = new Set(['removeListener', 'off', 'removeEventListener']);
