// A small HTTP server with one of each leak leakproof finds, each marked below. Never deploy it.
// Run it: PORT=3000 node examples/leaky-server/server.js
const http = require('http');

// Leak: module-level collections that every request adds to and nothing removes from.
const requestLogs = [];
const sessions = new Map();

// Leak: a closure kept for the life of the process over a large array it only samples.
function makeSampler(size) {
  const samples = Array.from(Array(size).keys());
  return function sample() {
    return samples[Math.floor(Math.random() * samples.length)];
  };
}
const sample = makeSampler(100000);

function rememberVisit(req) {
  // Leak: `lastVisit` is never declared, so in this sloppy CommonJS file it becomes a property of the global object.
  lastVisit = { url: req.url, headers: req.headers };
}

function handle(req, res) {
  rememberVisit(req);
  requestLogs.push({ url: req.url, at: Date.now() });
  sessions.set(`${req.socket.remotePort}:${requestLogs.length}`, { headers: req.headers });

  // Leak: an interval per request that nothing clears; its callback keeps `req` alive.
  setInterval(() => {
    if (req.destroyed) return;
  }, 60000);

  // Leak: a listener per request on `process`, which lives for the whole program.
  process.on('warning', (warning) => console.warn(req.url, warning.message));

  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ requests: requestLogs.length, sample: sample() }));
}

const server = http.createServer(handle);
server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1');
