// ✅ the handle is kept and the interval cleared when the job ends:
// its callback, and the call's `job`, are released with the call
const { setImmediate: nextTurn } = require('node:timers/promises');

async function runJob() {
  const job = { done: 0, startedAt: new Date() };
  const timer = setInterval(function report() {
    console.log(`${job.done} steps since ${job.startedAt.toISOString()}`);
  }, 60000);
  try {
    while (job.done < 3) {
      await nextTurn();
      job.done++;
    }
    return job.done;
  } finally {
    clearInterval(timer);
  }
}

module.exports = runJob;
