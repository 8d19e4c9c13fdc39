// The seed article's server (marmelab, "Finding And Fixing Node.js Memory Leaks: A Practical Guide"),
// adapted only to listen on process.env.PORT: every request is logged in `requestLogs`.
const http = require('http');

const requestLogs = [];
const server = http.createServer((req, res) => {
    requestLogs.push({ url: req.url, date: new Date() });
    res.end(JSON.stringify(requestLogs));
});

server.listen(process.env.PORT || 3000);
console.log('Server listening to port 3000. Press Ctrl+C to stop it.');
