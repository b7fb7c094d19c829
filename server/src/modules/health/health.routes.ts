import type { DataSource } from 'typeorm';
import type { HealthResponse } from '@djzy/shared';
import type { AppRouter } from '../../core/http';

export function healthRoutes(router: AppRouter, ds: DataSource) {
  router.get('/health', async (ctx) => {
    let db: HealthResponse['db'] = 'ok';
    try {
      if (!ds.isInitialized) throw new Error('not initialised');
      await ds.query('SELECT 1');
    } catch {
      db = 'down';
    }
    const body: HealthResponse = { status: db === 'ok' ? 'ok' : 'degraded', db };
    ctx.status = db === 'ok' ? 200 : 503;
    ctx.body = body;
  });
}
