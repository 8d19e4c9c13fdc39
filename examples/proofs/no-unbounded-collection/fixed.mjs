// ✅ the array belongs to the call, and dies with it
export default function recordVisit() {
  const visits = [];
  visits.push({ path: '/', at: new Date() });
  return visits.length;
}
