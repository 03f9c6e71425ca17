import type { DataSource } from "typeorm";
import type { EventStatusCounts } from "../../domain/events/event-status-counts.js";

/**
 * Counts the event log's unfinished events per status. Finished events (the bulk of the table) are
 * excluded in the query, so the answer stays small however long the log grows.
 */
export class TypeOrmEventStatusCounts implements EventStatusCounts {
  constructor(private readonly dataSource: DataSource) {}

  async countUnfinished(): Promise<Record<string, number>> {
    const rows: { status: string; count: string }[] = await this.dataSource.query(
      `SELECT status, count(*) AS count FROM inbound_event
        WHERE status NOT IN ('applied', 'ignored') GROUP BY status`,
    );
    return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
  }
}
