// ✅ the listener is removed when the job ends: `bus` holds it, and the call's `job`,
// only while the job runs
const { EventEmitter } = require('node:events');
const { setImmediate: nextTurn } = require('node:timers/promises');

const bus = new EventEmitter();
bus.on('shutdown', () => console.log('shutting down: cancelling the running jobs'));
process.once('SIGTERM', () => bus.emit('shutdown'));

async function runJob() {
  const job = { done: 0, cancelled: false, startedAt: new Date() };
  function cancel() {
    job.cancelled = true;
  }
  bus.on('shutdown', cancel);
  try {
    while (job.done < 3 && !job.cancelled) {
      await nextTurn();
      job.done++;
    }
    return job.done;
  } finally {
    bus.off('shutdown', cancel);
  }
}

module.exports = runJob;
