import type { DataSource } from "typeorm";

export interface SchemaChanges {
  up: Array<{ query: string; parameters?: unknown[] }>;
  down: Array<{ query: string; parameters?: unknown[] }>;
}

/**
 * What TypeORM would change to make the (migrated) database match the entities: the same computation as
 * `typeorm migration:generate`. Empty means entities and migrations agree.
 */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<SchemaChanges> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return { up: sql.upQueries, down: sql.downQueries };
}

/** Renders a migration class in this repo's style (`<epoch>-<Name>.ts`, explicit import in migrations/index.ts). */
export function renderMigration(name: string, timestamp: number, changes: SchemaChanges): string {
  const className = `${name}${timestamp}`;
  const render = (queries: SchemaChanges["up"]) =>
    queries
      .map(({ query, parameters }) => {
        const args = parameters && parameters.length > 0 ? `, ${JSON.stringify(parameters)}` : "";
        return `    await queryRunner.query(${quote(query)}${args});`;
      })
      .join("\n");
  return `import type { MigrationInterface, QueryRunner } from "typeorm";

export class ${className} implements MigrationInterface {
  name = "${className}";

  async up(queryRunner: QueryRunner): Promise<void> {
${render(changes.up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${render([...changes.down].reverse())}
  }
}
`;
}

/** Template literal when safe (readable SQL with its double quotes), JSON string otherwise. */
function quote(sql: string): string {
  return /[`\\]|\$\{/.test(sql) ? JSON.stringify(sql) : `\`${sql.trim()}\``;
}
