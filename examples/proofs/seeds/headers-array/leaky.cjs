// The seed article's Express route (Better Stack, "Preventing and Debugging Memory Leaks in Node.js"),
// adapted only to listen on process.env.PORT: every request's user agent is kept in `headersArray`.
const express = require("express");
const app = express();
const PORT = process.env.PORT || 3000;

const headersArray = [];
app.get("/", (req, res) => {
  headersArray.push({ userAgentUsed: req.get("User-Agent") });
  res.status(200).send(JSON.stringify(headersArray));
});

app.listen(PORT, () => {
  console.log(`Server listening on http://localhost:${PORT}/`);
});
