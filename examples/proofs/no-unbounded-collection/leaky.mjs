// ❌ `visits` outlives every call, and every call adds an entry that nothing removes
const visits = [];

export default function recordVisit() {
  visits.push({ path: '/', at: new Date() });
  return visits.length;
}
