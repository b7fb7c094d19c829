/**
 * Runs the fake WeChat on its own, for manual runs of the server against it:
 *
 *   npx tsc --outDir /tmp/fake-wechat --module commonjs --target es2021 --types node test/fake-wechat/main.ts
 *   FAKE_WECHAT_PORT=9900 node /tmp/fake-wechat/main.js
 *   WECHAT_API_BASE=http://127.0.0.1:9900 WECHAT_APPID=wxfake0000000000 \
 *     WECHAT_SECRET=fake-secret-0123456789abcdef npm start
 *   curl -XPOST 'http://127.0.0.1:9900/__fake/codes?openid=o_demo'   → { "code": "…" }
 *
 * FAKE_WECHAT_APPID / FAKE_WECHAT_SECRET override the credentials it accepts. The `/__fake/*`
 * control endpoints stand in for wx.login, since no phone is involved in a manual run.
 */
import { startFakeWechat } from './fake-wechat';

async function main(): Promise<void> {
  const port = Number(process.env.FAKE_WECHAT_PORT ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`FAKE_WECHAT_PORT must be a port number, got "${process.env.FAKE_WECHAT_PORT}"`);
  }
  const fake = await startFakeWechat({
    port,
    appId: process.env.FAKE_WECHAT_APPID || undefined,
    secret: process.env.FAKE_WECHAT_SECRET || undefined,
    controlApi: true,
  });
  // The secret is this fake's own, not a real one, so printing it helps set up the server.
  console.log(`fake WeChat listening on ${fake.baseUrl} (appid ${fake.appId}, secret ${fake.secret})`);
  console.log(`issue a login code: curl -XPOST '${fake.baseUrl}/__fake/codes?openid=o_demo'`);
  const stop = () => void fake.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
