// ✅ bounded: when the cache is full, the least recently used entry goes (a Map iterates in insertion order)
const formatters = new Map();
const MAX_FORMATTERS = 50;

function formatterFor(options) {
  const key = JSON.stringify(options);
  let format = formatters.get(key);
  if (format) {
    formatters.delete(key); // re-inserted below, as the most recently used
  } else {
    format = (value) => `${options.currency} ${value.toFixed(options.digits)}`;
    if (formatters.size >= MAX_FORMATTERS) formatters.delete(formatters.keys().next().value);
  }
  formatters.set(key, format);
  return format;
}

let requests = 0;
module.exports = function formatPrice() {
  requests += 1;
  return formatterFor({ currency: 'EUR', digits: 2, requestId: requests })(9.99);
};
