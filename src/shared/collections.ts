/** Groups rows into lists by a key, keeping their order: one pass, for results of one query. */
export function groupBy<T, K, V = T>(
  rows: readonly T[],
  key: (row: T) => K,
  value: (row: T) => V = (row) => row as unknown as V,
): Map<K, V[]> {
  const groups = new Map<K, V[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(value(row));
    else groups.set(k, [value(row)]);
  }
  return groups;
}
