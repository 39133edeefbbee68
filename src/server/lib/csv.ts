/**
 * CSV (RFC 4180) cells and rows, for streamed report exports. Pure.
 *
 * - A field holding a quote, comma, CR or LF is quoted, quotes doubled.
 * - Formula injection (OWASP "CSV injection"): a TEXT cell that starts with = + - @, a tab or a CR would be
 *   taken for a formula by a spreadsheet; it gets a leading apostrophe. Numbers are written as numbers
 *   (a negative amount stays -12.50): the guard applies to text only.
 *   Identifiers the server minted (IDs: URL-safe base64, which may start with "-") are written as they are
 *   (`id` cells): from that alphabet alone no formula can call a function or reach outside the sheet, and a
 *   client must be able to match them with the JSON report. Any other character makes them plain text.
 * - Rows end with CRLF.
 */

/** A cell: text (guarded), a number already formatted as a decimal string, a boolean, or empty. */
export type Cell =
  | { kind: 'text'; value: string }
  | { kind: 'id'; value: string }
  | { kind: 'number'; value: string }
  | { kind: 'bool'; value: boolean }
  | null;

export const text = (value: string | null | undefined): Cell =>
  value === null || value === undefined ? null : { kind: 'text', value };
export const id = (value: string | null | undefined): Cell =>
  value === null || value === undefined ? null : { kind: 'id', value };
export const num = (value: string | null | undefined): Cell =>
  value === null || value === undefined ? null : { kind: 'number', value };
export const bool = (value: boolean | null | undefined): Cell =>
  value === null || value === undefined ? null : { kind: 'bool', value };

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text as a CSV field, guarded against formula injection. */
export function csvText(value: string): string {
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

export function csvCell(cell: Cell): string {
  if (cell === null) return '';
  switch (cell.kind) {
    case 'text':
      return csvText(cell.value);
    case 'id':
      return /^[A-Za-z0-9_-]*$/.test(cell.value) ? cell.value : csvText(cell.value);
    case 'number':
      // Formatted by the caller from exact integers: digits, an optional sign and point only.
      return /^-?\d+(\.\d+)?$/.test(cell.value) ? cell.value : csvText(cell.value);
    case 'bool':
      return cell.value ? 'true' : 'false';
  }
}

export function csvRow(cells: readonly Cell[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

export function csvHeader(names: readonly string[]): string {
  return names.map(csvText).join(',') + '\r\n';
}

/**
 * An integer at a decimal scale as an exact decimal string: (12345, 2) → "123.45", (-5, 2) → "-0.05".
 * With `trim`, trailing zeros of the fraction go (hours: 7.5 rather than 7.5000).
 */
export function scaledToText(value: number, scale: number, trim = false): string {
  if (!Number.isSafeInteger(value)) throw new RangeError('not a safe integer');
  const negative = value < 0;
  const digits = String(Math.abs(value)).padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  let frac = scale > 0 ? digits.slice(digits.length - scale) : '';
  if (trim) frac = frac.replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}
