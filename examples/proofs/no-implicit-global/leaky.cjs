// ❌ `name` is never declared: in sloppy code the write creates globalThis.name,
// so each call's object outlives the call
function setName() {
  name = { first: 'Stanley', setAt: Date.now() };
}

module.exports = setName;
