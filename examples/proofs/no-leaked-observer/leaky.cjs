// ❌ each call creates a PerformanceObserver and never disconnects it: Node's performance timeline
// keeps every observer that observes it, and each observer keeps its callback and that call's `job`
const { PerformanceObserver } = require('node:perf_hooks');
const { setImmediate: nextTurn } = require('node:timers/promises');

async function runJob() {
  const job = { slow: [], startedAt: new Date() };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.duration > 100) job.slow.push(entry.name);
  });
  observer.observe({ entryTypes: ['function'] });
  await nextTurn();
  return job.slow.length;
}

module.exports = runJob;
