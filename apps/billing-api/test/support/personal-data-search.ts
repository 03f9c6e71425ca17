import type { DataSource } from "typeorm";

export interface Finding {
  table: string;
  column: string;
  value: string;
  rows: number;
}

/**
 * Looks for each value in every text, JSON and bytea column of every table (the event log's raw bodies
 * included), case-insensitively, and returns where any was found. Bytes are searched through the `escape` encoding (printable ASCII as is, so ASCII values are
 * found in JSON, form-encoded or binary columns alike); a form-encoded GitHub body is searched URL-encoded too.
 */
export async function findPersonalValues(
  dataSource: DataSource,
  values: readonly string[],
): Promise<Finding[]> {
  const columns = (await dataSource.query(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
      WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'json', 'jsonb', 'bytea')
      ORDER BY table_name, column_name`,
  )) as Array<{ table_name: string; column_name: string; data_type: string }>;
  const findings: Finding[] = [];
  for (const { table_name: table, column_name: column, data_type: type } of columns) {
    for (const value of values.flatMap((item) => [item, encodeURIComponent(item)])) {
      const where =
        type === "bytea"
          ? `encode("${column}", 'escape') ILIKE '%' || $1 || '%'`
          : `"${column}"::text ILIKE '%' || $1 || '%'`;
      const [row] = (await dataSource.query(`SELECT count(*) AS n FROM "${table}" WHERE ${where}`, [
        value.toLowerCase(),
      ])) as Array<{ n: string }>;
      const rows = Number(row?.n ?? 0);
      if (rows > 0) {
        findings.push({ table, column, value, rows });
      }
    }
  }
  return findings;
}
