// ❌ `unused` captures `originalThing`, so the context that `someMethod` shares with it
// holds the previous `theThing`: each call's thing keeps the one before it alive
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
}

module.exports = replaceThing;
