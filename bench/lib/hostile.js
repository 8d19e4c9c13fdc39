// Hostile inputs for the quality tests (test/quality/hostile.test.ts) and the benchmark's scaling figures: a file of
// 100,000 lines of the patterns the rules look at, and code nested thousands of levels deep in every way a parser
// and a rule recurse (functions, callbacks, blocks, ifs, arrays, objects, parentheses, member chains, operators).

/** One block of the large file: ten lines, every name its own, with a finding or two for each rule. */
function block(i) {
  return [
    `const cache${i} = new Map();`,
    `app.get('/r${i}', (req, res) => {`,
    `  cache${i}.set(req.url, req.headers);`,
    `  res.send(String(cache${i}.size));`,
    `});`,
    `const timer${i} = setInterval(() => poll${i}(), 1000);`,
    `function poll${i}() { process.on('exit', () => clearInterval(timer${i})); }`,
    `class Service${i} { start() { this.timer = setInterval(() => {}, 10); } stop() { clearInterval(this.timer); } }`,
    `function outer${i}() { const big = new Array(100000).fill(${i}); return () => big.length; }`,
    `emitter.on('data', function onData${i}(chunk) { total${i} = chunk; });`,
  ];
}

/** A CommonJS file of exactly `lines` lines (a multiple of ten), made of `lines / 10` blocks. */
export function largeFile(lines) {
  const out = [];
  for (let i = 0; out.length < lines; i++) out.push(...block(i));
  return `${out.slice(0, lines).join('\n')}\n`;
}

/** Programs nested `depth` levels deep, by the kind of nesting. */
export const DEEP_SHAPES = {
  functions: (depth) =>
    `${Array.from({ length: depth }, (_, i) => `function f${i}() {`).join('\n')}\nsetInterval(() => {}, 1);\n${'}'.repeat(depth)}\n`,
  callbacks: (depth) => `${'setInterval(() => '.repeat(depth)}list.push(1)${', 1000)'.repeat(depth)};\n`,
  blocks: (depth) => `${'{'.repeat(depth)}leaked = 1;${'}'.repeat(depth)}\n`,
  ifs: (depth) => `${'if (a) '.repeat(depth)}leaked = 1;\n`,
  arrays: (depth) => `const a = ${'['.repeat(depth)}1${']'.repeat(depth)};\n`,
  objects: (depth) => `const o = ${'{ a: '.repeat(depth)}1${' }'.repeat(depth)};\n`,
  parens: (depth) => `const p = ${'('.repeat(depth)}setInterval(f, 1)${')'.repeat(depth)};\n`,
  members: (depth) => `a${'.b'.repeat(depth)} = setInterval(f, 1);\n`,
  binary: (depth) => `const s = ${Array.from({ length: depth }, (_, i) => `x${i}`).join(' + ')};\n`,
  calls: (depth) => `${'f('.repeat(depth)}${')'.repeat(depth)};\n`,
};
