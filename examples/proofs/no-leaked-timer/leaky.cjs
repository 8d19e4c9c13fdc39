// ❌ each call starts an interval and discards its handle: nothing can ever clear it,
// so its callback, and the call's `job`, stay alive for the life of the process
const { setImmediate: nextTurn } = require('node:timers/promises');

async function runJob() {
  const job = { done: 0, startedAt: new Date() };
  setInterval(function report() {
    console.log(`${job.done} steps since ${job.startedAt.toISOString()}`);
  }, 60000);
  while (job.done < 3) {
    await nextTurn();
    job.done++;
  }
  return job.done;
}

module.exports = runJob;
