import { findPeriod } from '/work/wt/mut-understanding/source/understanding/period.js';
const [day, ...qs] = process.argv.slice(2);
for (const q of qs) { const f = findPeriod(q, new Date(`${day}T10:00:00Z`)); console.log(JSON.stringify(q), '=>', f ? `${f.period.start} ${f.period.end} "${f.label}" span=${f.span} future=${f.future}` : 'none'); }
