// The seed article's leaky route (/bloatMyServer, "Memory leaks are like parasites…"): `leaks` is outside the
// route, so every request's object stays in it. Adapted to listen on process.env.PORT, indented, and with
// Array(100) for the article's Array(10000): 10,000 array slots per request made V8 spend ~10 s writing the
// three heap snapshots; the leak (one object per request, held by `leaks`) is the same.
const express = require('express')
const app = express();
const port = process.env.PORT || 3000;
const leaks = [];
app.get('/bloatMyServer', (req, res) => {
  const redundantObj = {
    memory: "leaked",
    joke: "meta"
  };
  [...Array(100)].map(i => leaks.push(redundantObj));
  res.status(200).send({size: leaks.length})
});
app.listen(port, () => console.log(`Example app listening on port ${port}!`));
