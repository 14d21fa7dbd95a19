/** Rows grouped by a key, each group in the rows' order: a list's children read in one statement, then handed to each parent. */
export function groupBy<Row>(rows: Row[], keyOf: (row: Row) => string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** A JSON array for SQL's json_each: how a prepared statement takes a list of ids as one placeholder. */
export const jsonList = (values: Iterable<string>): string => JSON.stringify([...values]);
