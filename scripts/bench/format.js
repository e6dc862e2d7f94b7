// Plain-text formatting for the benchmark report.

export const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
export const megabytes = (mb) => `${Math.round(mb)} MB`;
/** A difference in memory, with its sign: `+18 MB`, `−68 MB`. */
export const signedMegabytes = (mb) => (Math.round(mb) < 0 ? `−${megabytes(-mb)}` : `+${megabytes(mb)}`);
export const times = (value) => `${value.toFixed(2)}×`;
export const verdict = (pass) => (pass ? 'PASS' : 'FAIL');

/**
 * Renders rows (arrays of strings) as aligned columns. `align` holds 'l' or 'r' per column
 * (default: first column left, the rest right).
 */
export function table(rows, { align = [], indent = '  ', gap = '   ' } = {}) {
  const widths = [];
  for (const row of rows) {
    row.forEach((cell, index) => {
      widths[index] = Math.max(widths[index] ?? 0, String(cell).length);
    });
  }
  return rows
    .map((row) =>
      indent +
      row
        .map((cell, index) => {
          const side = align[index] ?? (index === 0 ? 'l' : 'r');
          return side === 'l' ? String(cell).padEnd(widths[index]) : String(cell).padStart(widths[index]);
        })
        .join(gap)
        .trimEnd(),
    )
    .join('\n');
}

export function heading(text) {
  return `${text}\n${'-'.repeat(text.length)}`;
}

const BARS = '▁▂▃▄▅▆▇█';

/** A one-line chart of a series, scaled from its minimum (▁) to its maximum (█). */
export function sparkline(values) {
  const low = Math.min(...values);
  const span = Math.max(...values) - low;
  return values.map((value) => BARS[span === 0 ? 0 : Math.round(((value - low) / span) * (BARS.length - 1))]).join('');
}
