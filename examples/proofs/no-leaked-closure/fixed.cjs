// ✅ `originalThing` is released at the end of the call: the shared context
// no longer holds the previous `theThing`, which is collected
var theThing = null;

function replaceThing() {
  var originalThing = theThing;
  var unused = function () {
    if (originalThing) console.log('hi');
  };
  theThing = {
    longStr: new Array(10000).join('*'),
    someMethod: function () {
      console.log('a message');
    },
  };
  originalThing = null;
}

module.exports = replaceThing;
