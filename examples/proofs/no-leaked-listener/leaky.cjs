// ❌ each call adds a `shutdown` listener to the module-level `bus` and never removes it:
// `bus` keeps every listener ever added, and each one keeps its call's `job`
const { EventEmitter } = require('node:events');
const { setImmediate: nextTurn } = require('node:timers/promises');

const bus = new EventEmitter();
bus.on('shutdown', () => console.log('shutting down: cancelling the running jobs'));
process.once('SIGTERM', () => bus.emit('shutdown'));

async function runJob() {
  const job = { done: 0, cancelled: false, startedAt: new Date() };
  bus.on('shutdown', function cancel() {
    job.cancelled = true;
  });
  while (job.done < 3 && !job.cancelled) {
    await nextTurn();
    job.done++;
  }
  return job.done;
}

module.exports = runJob;
