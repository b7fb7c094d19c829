/**
 * `npm run points:verify`: recomputes every balance from the ledger and prints the drift
 * (it must be 0). Exits 1 when there is any. Uses the same DATABASE_URL as the server.
 */
import 'reflect-metadata';
import { loadConfig } from '../config';
import { createDataSource } from '../db/data-source';
import { verifyBalances } from '../modules/points/points.verify';

(async () => {
  const config = loadConfig();
  const ds = createDataSource(config.database);
  await ds.initialize();
  try {
    const r = await verifyBalances(ds);
    console.log(`积分核对 points:verify — 流水 ${r.entries} 条，汇总 ${r.balances} 条，用时 ${r.ms} ms`);
    console.log(`drift: ${r.drift.length}`);
    for (const d of r.drift.slice(0, 20)) console.log(`  ${d.memberId} ${d.period}: stored ${d.stored}, ledger ${d.computed}`);
    process.exitCode = r.drift.length ? 1 : 0;
  } finally {
    await ds.destroy();
  }
})().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
