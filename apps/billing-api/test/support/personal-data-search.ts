import type { DataSource } from "typeorm";

export interface Finding {
  table: string;
  column: string;
  value: string;
  rows: number;
}

/**
 * Looks for each value in every text, JSON and bytea column of every table (the event log's raw bodies
 * included), case-insensitively for text and JSON, byte for byte in bytea (also as lower case). Returns where
 * any was found. (Bodies are JSON, so UTF-8; a form-encoded GitHub body is searched URL-encoded as well.)
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
          ? `convert_from("${column}", 'UTF8') ILIKE '%' || $1 || '%'`
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
