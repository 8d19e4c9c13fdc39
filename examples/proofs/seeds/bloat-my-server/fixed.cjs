// The same article's fix: `leaks` moves into the route, so it belongs to the request and dies with it.
// Adapted as leaky.cjs is: process.env.PORT, indented.
const express = require('express')
const app = express();
const port = process.env.PORT || 3000;
app.get('/bloatMyServer', (req, res) => {
  const redundantObj = {
    memory: "leaked",
    joke: "meta"
  };
  const leaks = [];
  [...Array(10000)].map(i => leaks.push(redundantObj));
  res.status(200).send({size: leaks.length})
});
app.listen(port, () => console.log(`Example app listening on port ${port}!`));
