import type { DataSource } from "typeorm";
import type { EventStatusCounts, UnfinishedCount } from "../../domain/events/event-status-counts.js";
import type { Marketplace } from "../../domain/events/inbound-event.js";

/**
 * Counts the event log's unfinished events per marketplace and status. Finished events (the bulk of the
 * table) are excluded in the query, so the answer stays small however long the log grows.
 */
export class TypeOrmEventStatusCounts implements EventStatusCounts {
  constructor(private readonly dataSource: DataSource) {}

  async countUnfinished(): Promise<UnfinishedCount[]> {
    const rows: { marketplace: Marketplace; status: string; count: string }[] = await this.dataSource.query(
      `SELECT marketplace, status, count(*) AS count FROM inbound_event
        WHERE status NOT IN ('applied', 'ignored') GROUP BY marketplace, status`,
    );
    return rows.map((row) => ({
      marketplace: row.marketplace,
      status: row.status,
      count: Number(row.count),
    }));
  }
}
