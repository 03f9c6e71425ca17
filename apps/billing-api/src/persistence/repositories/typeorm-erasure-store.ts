import type { DataSource, EntityManager } from "typeorm";
import type {
  AccountRef,
  ErasedFields,
  ErasureStore,
  Redaction,
} from "../../domain/erasure/erasure-store.js";
import type { RedactedEvent } from "../../domain/erasure/event-redaction.js";
import type { InboundEvent, Marketplace } from "../../domain/events/inbound-event.js";
import { InboundEventEntity } from "../entities/inbound-event.entity.js";
import { fromInboundEventEntity } from "./typeorm-event-log.js";

/**
 * Erases an account's personal data in one transaction. The event log is changed only through
 * `inbound_event_redact()` under the redaction row inserted first (the log's trigger checks both); the other
 * tables are ordinary rows, deleted or cleared.
 */
export class TypeOrmErasureStore implements ErasureStore {
  constructor(private readonly dataSource: DataSource) {}

  async erase(
    account: AccountRef,
    redact: (event: InboundEvent) => RedactedEvent | null,
    reason: string,
    at: Date,
  ): Promise<{ redaction: Redaction; forgottenTokens: string[] }> {
    return this.dataSource.transaction(async (manager) => {
      // The account's apply lock: no fold reads the log halfway through its redaction.
      await manager.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [
        `${account.marketplace}:${account.accountId}`,
      ]);
      const rows = await manager.getRepository(InboundEventEntity).find({
        where: { marketplace: account.marketplace, accountId: account.accountId },
        order: { id: "ASC" },
      });
      const redactions = rows
        .map((row) => ({ id: row.id, redacted: redact(fromInboundEventEntity(row)) }))
        .filter((item): item is { id: string; redacted: RedactedEvent } => item.redacted !== null);
      const plan = await this.planTables(manager, account);
      const fields: ErasedFields = {};
      if (redactions.length > 0) {
        const erased = new Set(
          redactions.flatMap((item) => item.redacted.erased.map((path) => `payload.${path}`)),
        );
        fields.inbound_event = { rows: redactions.length, fields: ["raw_body", ...[...erased].sort()] };
      }
      for (const [table, effect] of Object.entries(plan)) {
        if (effect.rows > 0) {
          fields[table] = { rows: effect.rows, fields: effect.fields };
        }
      }
      const [inserted] = (await manager.query(
        `INSERT INTO "redaction" ("marketplace", "account_id", "reason", "redacted_at", "fields")
         VALUES ($1, $2, $3, $4, $5::jsonb) RETURNING "id"`,
        [account.marketplace, account.accountId, reason, at, JSON.stringify(fields)],
      )) as Array<{ id: string }>;
      const redactionId = String(inserted?.id);
      for (const { id, redacted } of redactions) {
        await manager.query(`SELECT "inbound_event_redact"($1, $2, $3::jsonb, $4, $5::jsonb)`, [
          redactionId,
          id,
          JSON.stringify(redacted.headers),
          Buffer.from(redacted.rawBody),
          JSON.stringify(redacted.payload),
        ]);
      }
      const forgottenTokens =
        account.marketplace === "github"
          ? (
              (await manager.query(
                `SELECT "sealed_token" FROM "github_user" WHERE "github_user_id" = ANY($1::text[]) AND "sealed_token" IS NOT NULL`,
                [plan.github_user?.users ?? []],
              )) as Array<{ sealed_token: string }>
            ).map((row) => row.sealed_token)
          : [];
      for (const effect of Object.values(plan)) {
        await effect.apply();
      }
      const redaction: Redaction = {
        id: redactionId,
        marketplace: account.marketplace,
        accountId: account.accountId,
        reason,
        redactedAt: at,
        fields,
      };
      return { redaction, forgottenTokens };
    });
  }

  async evotorUninstalls(): Promise<Array<{ accountId: string; at: Date }>> {
    const rows = (await this.dataSource.query(
      `SELECT "account_id", "received_at", "event_type" FROM (
         SELECT "account_id", "received_at", "event_type",
                row_number() OVER (PARTITION BY "account_id" ORDER BY "id" DESC) AS "latest"
           FROM "inbound_event"
          WHERE "marketplace" = 'evotor' AND "account_id" IS NOT NULL
            AND "event_type" IN ('ApplicationInstalled', 'ApplicationUninstalled')) AS installation
        WHERE "latest" = 1 AND "event_type" = 'ApplicationUninstalled'`,
    )) as Array<{ account_id: string; received_at: Date }>;
    return rows.map((row) => ({ accountId: row.account_id, at: row.received_at }));
  }

  async holdsPersonalData(account: AccountRef): Promise<boolean> {
    const [row] = (await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM "inbound_event" WHERE "marketplace" = $1 AND "account_id" = $2 AND "redaction_id" IS NULL)
           OR EXISTS (SELECT 1 FROM "seat" WHERE "marketplace" = $1 AND "account_id" = $2)
           OR EXISTS (SELECT 1 FROM "customer_link" WHERE "marketplace" = $1 AND "account_id" = $2)
           OR ($1 = 'github' AND EXISTS (SELECT 1 FROM "github_account_link" WHERE "account_id" = $2))
           OR ($1 = 'evotor' AND EXISTS (SELECT 1 FROM "evotor_user" WHERE "user_id" = $2)) AS "held"`,
      [account.marketplace, account.accountId],
    )) as Array<{ held: boolean }>;
    return row?.held === true;
  }

  /** What each table loses, counted before anything changes (the redaction row is written first). */
  private async planTables(
    manager: EntityManager,
    account: AccountRef,
  ): Promise<Record<string, TableEffect>> {
    const { marketplace, accountId } = account;
    const count = async (sql: string, params: unknown[]) =>
      Number(((await manager.query(sql, params)) as Array<{ n: string }>)[0]?.n ?? 0);
    const plan: Record<string, TableEffect> = {
      seat: {
        rows: await count(`SELECT count(*) AS n FROM "seat" WHERE "marketplace" = $1 AND "account_id" = $2`, [
          marketplace,
          accountId,
        ]),
        fields: ["user_id"],
        apply: async () => {
          await manager.query(`DELETE FROM "seat" WHERE "marketplace" = $1 AND "account_id" = $2`, [
            marketplace,
            accountId,
          ]);
        },
      },
      ...(await customerLinks(manager, marketplace, accountId)),
    };
    if (marketplace === "github") {
      Object.assign(plan, await githubUsers(manager, accountId));
    } else {
      plan.evotor_user = {
        rows: await count(`SELECT count(*) AS n FROM "evotor_user" WHERE "user_id" = $1`, [accountId]),
        fields: ["token_hash", "token_nonce", "cloud_token_sealed", "custom_fields", "vendor_account_id"],
        apply: async () => {
          await manager.query(`DELETE FROM "evotor_user" WHERE "user_id" = $1`, [accountId]);
        },
      };
    }
    return plan;
  }
}

/** What erasing does to one table; `users` lists the GitHub users forgotten. */
interface TableEffect {
  rows: number;
  fields: string[];
  apply: () => Promise<void>;
  users?: string[];
}

/** The account leaves its customer; a customer left with no account loses its name (its id stays the vendor's). */
async function customerLinks(manager: EntityManager, marketplace: Marketplace, accountId: string) {
  const links = (await manager.query(
    `SELECT "customer_id" FROM "customer_link" WHERE "marketplace" = $1 AND "account_id" = $2`,
    [marketplace, accountId],
  )) as Array<{ customer_id: string }>;
  const orphaned = (await manager.query(
    `SELECT c."id" FROM "customer" c
      WHERE c."id" = ANY($1::uuid[]) AND c."name" IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM "customer_link" l WHERE l."customer_id" = c."id"
                         AND NOT (l."marketplace" = $2 AND l."account_id" = $3))`,
    [links.map((link) => link.customer_id), marketplace, accountId],
  )) as Array<{ id: string }>;
  return {
    customer_link: {
      rows: links.length,
      fields: ["customer_id"],
      apply: async () => {
        await manager.query(`DELETE FROM "customer_link" WHERE "marketplace" = $1 AND "account_id" = $2`, [
          marketplace,
          accountId,
        ]);
      },
    },
    customer: {
      rows: orphaned.length,
      fields: ["name"],
      apply: async () => {
        await manager.query(`UPDATE "customer" SET "name" = NULL WHERE "id" = ANY($1::uuid[])`, [
          orphaned.map((row) => row.id),
        ]);
      },
    },
  };
}

/**
 * The buyers who onboarded for a GitHub account lose their link to it (login, plan as they saw it). A buyer
 * left with no other account it bought for is forgotten entirely: its login, sealed token, remaining links and
 * onboarding codes. A buyer who still pays for another account keeps what that account needs.
 */
async function githubUsers(manager: EntityManager, accountId: string) {
  const buyers = (
    (await manager.query(`SELECT "github_user_id" FROM "github_account_link" WHERE "account_id" = $1`, [
      accountId,
    ])) as Array<{ github_user_id: string }>
  ).map((row) => row.github_user_id);
  const candidates = [...new Set([...buyers, accountId])];
  const forgotten = (
    (await manager.query(
      `SELECT u."github_user_id" FROM "github_user" u
        WHERE u."github_user_id" = ANY($1::text[])
          AND NOT EXISTS (SELECT 1 FROM "github_account_link" l
                           WHERE l."github_user_id" = u."github_user_id" AND l."account_id" <> $2
                             AND l."account_id" <> u."github_user_id" AND l."plan_id" IS NOT NULL)`,
      [candidates, accountId],
    )) as Array<{ github_user_id: string }>
  ).map((row) => row.github_user_id);
  const links = Number(
    (
      (await manager.query(
        `SELECT count(*) AS n FROM "github_account_link" WHERE "account_id" = $1 OR "github_user_id" = ANY($2::text[])`,
        [accountId, forgotten],
      )) as Array<{ n: string }>
    )[0]?.n ?? 0,
  );
  return {
    github_account_link: {
      rows: links,
      fields: [
        "account_login",
        "account_type",
        "plan_id",
        "plan_name",
        "price_model",
        "billing_cycle",
        "unit_count",
      ],
      apply: async () => {
        await manager.query(
          `DELETE FROM "github_account_link" WHERE "account_id" = $1 OR "github_user_id" = ANY($2::text[])`,
          [accountId, forgotten],
        );
      },
    },
    github_user: {
      rows: forgotten.length,
      fields: ["login", "sealed_token"],
      users: forgotten,
      apply: async () => {
        await manager.query(`DELETE FROM "github_onboarding_code" WHERE "github_user_id" = ANY($1::text[])`, [
          forgotten,
        ]);
        await manager.query(`DELETE FROM "github_user" WHERE "github_user_id" = ANY($1::text[])`, [
          forgotten,
        ]);
      },
    },
  };
}
