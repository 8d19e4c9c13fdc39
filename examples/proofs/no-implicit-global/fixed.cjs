// ✅ declared: `name` is a local of the call, and its object dies with it
function setName() {
  const name = { first: 'Stanley', setAt: Date.now() };
  return name.first;
}

module.exports = setName;
