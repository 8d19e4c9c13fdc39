// ✅ disconnected when the job is done: the timeline lets go of the observer, its callback and the call's `job`
const { PerformanceObserver } = require('node:perf_hooks');
const { setImmediate: nextTurn } = require('node:timers/promises');

async function runJob() {
  const job = { slow: [], startedAt: new Date() };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.duration > 100) job.slow.push(entry.name);
  });
  observer.observe({ entryTypes: ['function'] });
  try {
    await nextTurn();
    return job.slow.length;
  } finally {
    observer.disconnect();
  }
}

module.exports = runJob;
