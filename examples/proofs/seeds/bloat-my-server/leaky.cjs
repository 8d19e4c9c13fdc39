// The seed article's leaky route (/bloatMyServer, "Memory leaks are like parasites…"): `leaks` is outside the
// route, so every request's object stays in it, 10,000 times over. Adapted only to listen on process.env.PORT, and
// indented.
const express = require('express')
const app = express();
const port = process.env.PORT || 3000;
const leaks = [];
app.get('/bloatMyServer', (req, res) => {
  const redundantObj = {
    memory: "leaked",
    joke: "meta"
  };
  [...Array(10000)].map(i => leaks.push(redundantObj));
  res.status(200).send({size: leaks.length})
});
app.listen(port, () => console.log(`Example app listening on port ${port}!`));
