// Markdown and number formatting for bench/RESULTS.md.

export const fmt = (x, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
export const fmtInt = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : 'n/a');
export const fmtMB = (kb) => (Number.isFinite(kb) ? `${(kb / 1024).toFixed(1)} MB` : 'n/a');
export const pctOf = (x, total) => `${((100 * x) / (total || 1)).toFixed(1)} %`;
/** The n largest entries of a Map of totals. */
export const topOf = (map, n) => [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
export const tail = (text, n = 15) => String(text ?? '').trim().split('\n').slice(-n).join('\n');

export function table(headers, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}
