import { ConfigError, loadConfig } from './config';

const KEY = 'a'.repeat(64);

describe('loadConfig', () => {
  it('defaults to the embedded SQLite setup with demo mode on', () => {
    const c = loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(40), DATA_KEY: KEY });
    expect(c.database.type).toBe('sqlite');
    expect(c.demoMode).toBe(true);
    expect(c.port).toBe(3000);
    expect(c.dataKey).toHaveLength(32);
  });

  it('turns demo mode off by default on MySQL', () => {
    const c = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'mysql://root@127.0.0.1:3306/test', JWT_SECRET: 'x'.repeat(40), DATA_KEY: KEY });
    expect(c.database).toMatchObject({ type: 'mysql', host: '127.0.0.1', port: 3306, database: 'test' });
    expect(c.demoMode).toBe(false);
  });

  it('refuses production with demo mode on or without real secrets, listing every problem', () => {
    try {
      loadConfig({ NODE_ENV: 'production', DEMO_MODE: '1', JWT_SECRET: 'secret', PORT: 'abc' });
      throw new Error('should have thrown');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems.join('\n');
      expect(problems).toMatch(/DEMO_MODE/);
      expect(problems).toMatch(/JWT_SECRET/);
      expect(problems).toMatch(/DATA_KEY/);
      expect(problems).toMatch(/WECHAT_APPID/);
      expect(problems).toMatch(/PORT/);
    }
  });

  it('accepts a complete production configuration', () => {
    const c = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'mysql://app:pw@db:3306/djzy',
      JWT_SECRET: 'k'.repeat(48),
      DATA_KEY: Buffer.alloc(32, 7).toString('base64'),
      WECHAT_APPID: 'wx1234567890abcdef',
      WECHAT_SECRET: 's'.repeat(32),
    });
    expect(c.demoMode).toBe(false);
    expect(c.corsOrigins).toEqual([]);
  });

  it.each([
    [{ DATABASE_URL: 'postgres://x' }, 'DATABASE_URL'],
    [{ DATA_KEY: 'short' }, 'DATA_KEY'],
    [{ DEMO_MODE: 'perhaps' }, 'DEMO_MODE'],
    [{ WECHAT_API_BASE: 'not a url' }, 'WECHAT_API_BASE'],
  ])('names the bad variable in %j', (env, name) => {
    expect(() => loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(40), DATA_KEY: KEY, ...env })).toThrow(name);
  });
});
