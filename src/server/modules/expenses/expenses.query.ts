/**
 * Query parameters of the expense lists: `SortBy` (a key, `-` in front for descending; API.md §2.7)
 * and the `Amount` filter (exact decimals).
 */
import type { QueryReader } from '../../http/query.js';
import { parseMoney } from './expenses.money.js';

export function readSortBy<K extends string>(
  q: QueryReader,
  keys: readonly K[],
): { key: K; descending: boolean } | undefined {
  const raw = q.string('SortBy');
  if (raw === undefined) return undefined;
  const descending = raw.startsWith('-');
  const name = (descending || raw.startsWith('+') ? raw.slice(1) : raw).trim().toLowerCase();
  const key = keys.find((k) => k.toLowerCase() === name);
  if (!key) {
    q.errors.add('SortBy', `SortBy must be one of: ${keys.join(', ')} (with "-" in front for descending).`, [
      'invalid_query',
    ]);
    return undefined;
  }
  return { key, descending };
}

/** Amount filter values in minor units. */
export function readAmounts(q: QueryReader, name: string): number[] | undefined {
  const values = q.strings(name);
  if (!values) return undefined;
  const out: number[] = [];
  for (const v of values) {
    const n = /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : NaN;
    const parsed = Number.isFinite(n) ? parseMoney(n, name) : undefined;
    if (parsed?.ok) out.push(parsed.value);
    else
      q.errors.add(name, `${name} must be amounts with at most 2 decimals, not "${v}".`, ['invalid_query']);
  }
  return out;
}
