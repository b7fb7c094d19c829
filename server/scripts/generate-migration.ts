/**
 * Writes a migration for each dialect from the difference between the entities and the schema
 * the existing migrations produce: `npm run migration:generate -w @djzy/server -- Name`.
 * SQLite is diffed in memory; MySQL against a scratch database on 127.0.0.1:3306.
 */
import 'reflect-metadata';
import { writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createDataSource } from '../src/db/data-source';

const name = process.argv[2];
if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
  console.error('usage: generate-migration PascalCaseName');
  process.exit(1);
}
const stamp = Date.now();
const dir = path.join(__dirname, '..', 'src', 'db', 'migrations');

function render(className: string, up: string[], down: string[]): string {
  const q = (s: string) => '`' + s.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(q: QueryRunner): Promise<void> {
${up.map((s) => `    await q.query(${q(s)});`).join('\n')}
  }

  public async down(q: QueryRunner): Promise<void> {
${down.map((s) => `    await q.query(${q(s)});`).join('\n')}
  }
}
`;
}

async function gen(dialect: 'sqlite' | 'mysql') {
  let ds;
  const mysqlUrl = process.env.MIGRATION_MYSQL_URL || 'mysql://root@127.0.0.1:3306/';
  const scratch = `djzy_migration_${stamp}`;
  if (dialect === 'sqlite') {
    ds = createDataSource({ type: 'sqlite', file: ':memory:', url: 'sqlite::memory:' });
  } else {
    const admin = createDataSource({ type: 'mysql', url: mysqlUrl + 'mysql', host: '', port: 0, database: 'mysql' });
    await admin.initialize();
    await admin.query(`CREATE DATABASE \`${scratch}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.destroy();
    ds = createDataSource({ type: 'mysql', url: mysqlUrl + scratch, host: '', port: 0, database: scratch });
  }
  await ds.initialize();
  try {
    await ds.runMigrations();
    const sql = await ds.driver.createSchemaBuilder().log();
    // MariaDB makes TypeORM see differences that are not there (nullable columns re-declared as
    // they are, indexes dropped and re-created the same): leave those no-ops out.
    const noop = (q: string) => /ALTER TABLE `\w+` CHANGE `(\w+)` `\1` /.test(q);
    const upAll = sql.upQueries.map((x) => x.query).filter((q) => !noop(q));
    const downAll = sql.downQueries
      .reverse()
      .map((x) => x.query)
      .filter((q) => !noop(q));
    const indexName = (q: string) => /^(?:DROP|CREATE(?: UNIQUE)?) INDEX `(\w+)`/.exec(q)?.[1];
    const recreated = new Set(
      upAll
        .filter((q) => q.startsWith('DROP INDEX'))
        .map(indexName)
        .filter((n) => n && upAll.some((q) => q.startsWith('CREATE') && indexName(q) === n)),
    );
    const up = upAll.filter((q) => !recreated.has(indexName(q) ?? ''));
    const down = downAll.filter((q) => !recreated.has(indexName(q) ?? ''));
    if (!up.length) {
      console.log(`${dialect}: no changes`);
      return;
    }
    const cls = `${name}${stamp}`;
    const file = path.join(dir, dialect, `${stamp}-${name}.ts`);
    writeFileSync(file, render(cls, up, down));
    const indexFile = path.join(dir, dialect, 'index.ts');
    const index = readFileSync(indexFile, 'utf8');
    const importLine = `import { ${cls} } from './${stamp}-${name}';\n`;
    const list = index.replace(/= \[([^\]]*)\];/, (_m, items: string) => {
      const parts = items
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      parts.push(cls);
      return `= [${parts.join(', ')}];`;
    });
    writeFileSync(indexFile, importLine + list);
    console.log(`${dialect}: wrote ${path.relative(process.cwd(), file)} (${up.length} statements)`);
  } finally {
    if (dialect === 'mysql') await ds.query(`DROP DATABASE \`${scratch}\``);
    await ds.destroy();
  }
}

(async () => {
  await gen('sqlite');
  await gen('mysql');
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
