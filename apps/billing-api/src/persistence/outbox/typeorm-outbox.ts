import type { DataSource } from "typeorm";
import type { BillingEventEncoder, Outbox, OutboxEntry } from "../../domain/outbound/billing-event.js";
import { writeToOutbox } from "./outbox-writer.js";

/** The outbox for events that stand alone (a refused seat claim): one transaction per write. */
export class TypeOrmOutbox implements Outbox {
  constructor(
    private readonly dataSource: DataSource,
    private readonly encoder: BillingEventEncoder,
    private readonly written: () => void,
  ) {}

  async write(entries: readonly OutboxEntry[]): Promise<void> {
    const count = await this.dataSource.transaction((manager) =>
      writeToOutbox(manager, this.encoder, entries),
    );
    if (count > 0) {
      this.written();
    }
  }
}
