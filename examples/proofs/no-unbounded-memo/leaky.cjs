// ❌ `formatters` is a module-level cache keyed by the JSON text of the options each caller passes; options carry
// per-request data, so every call adds a key, and nothing ever removes one
const formatters = new Map();

function formatterFor(options) {
  const key = JSON.stringify(options);
  let format = formatters.get(key);
  if (!format) {
    format = (value) => `${options.currency} ${value.toFixed(options.digits)}`;
    formatters.set(key, format);
  }
  return format;
}

let requests = 0;
module.exports = function formatPrice() {
  requests += 1;
  return formatterFor({ currency: 'EUR', digits: 2, requestId: requests })(9.99);
};
