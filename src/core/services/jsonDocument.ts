import { Column, sql, type SQL } from 'drizzle-orm';

/** A column as JSON reads it back: a JSON column as its value, a boolean as true or false, anything else as it is. */
function asJson(value: Column | SQL): Column | SQL {
  if (!(value instanceof Column)) return value;
  if (value.dataType === 'json') return sql`json(${value})`;
  if (value.dataType === 'boolean') return sql`json(CASE WHEN ${value} THEN 'true' ELSE 'false' END)`;
  return value;
}

/**
 * SQLite's `json_object` of these columns and expressions under their keys (our own identifiers, written
 * into the SQL as literals): a read that returns one JSON document, parsed once, for a whole view.
 */
export function jsonObjectOf(columns: Record<string, Column | SQL>): SQL {
  return sql`json_object(${sql.join(Object.entries(columns).map(([key, value]) => sql`${sql.raw(`'${key}'`)}, ${asJson(value)}`), sql`, `)})`;
}
