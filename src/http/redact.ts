/** What a hidden value reads as in /state: it shows that the value exists, never what it is. */
export const REDACTED = '[redacted]';

/** Columns that hold credentials in any table: passwords and their hashes, API tokens. */
const CREDENTIAL_COLUMN = /password|hash|token$/i;
/** In tables of secrets, the value itself (MedStack secrets' `data`). */
const SECRET_TABLE = /secret/i;
const SECRET_VALUE_COLUMN = /^(value|data)$/i;

/**
 * The state dump with every credential and secret value replaced by REDACTED. Matching by column
 * name, not a fixed list, keeps new credential columns hidden by default.
 */
export function redactSecrets(dump: Record<string, unknown[]>): Record<string, unknown[]> {
  return Object.fromEntries(Object.entries(dump).map(([table, rows]) => [table, rows.map((row) => {
    const out: Record<string, unknown> = { ...(row as Record<string, unknown>) };
    for (const column of Object.keys(out)) {
      const hidden = CREDENTIAL_COLUMN.test(column) || (SECRET_TABLE.test(table) && SECRET_VALUE_COLUMN.test(column));
      if (hidden && out[column] !== null && out[column] !== undefined) out[column] = REDACTED;
    }
    return out;
  })]));
}
