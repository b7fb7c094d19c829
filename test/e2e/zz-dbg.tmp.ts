import { startServer } from '/work/main/test/support/server';
import { api } from '/work/main/test/support/e2e';
(async () => {
  const server = await startServer({});
  try {
    const options: any = await api(server, null, '/auth/options');
    const members = options.demoAccounts.filter((a: any) => a.memberId);
    console.log(members);
    const m = members.find((a: any) => a.label.includes('普通党员'));
    const tok = (await api<any>(server, null, '/auth/dev', { method: 'POST', body: JSON.stringify({ memberId: m.memberId }) })).token;
    const now = encodeURIComponent(new Date().toISOString());
    const mine: any = await api(server, tok, `/activities?mine=true&from=${now}&pageSize=100`);
    for (const a of mine.items) console.log(a.title, a.kind, a.studyMode, a.checkinModes, a.myStatus, JSON.stringify(a.materials), JSON.stringify(a.pairs).slice(0, 200), a.lecturer, a.topic);
    const kit: any = await api(server, tok, '/study/materials?pageSize=100');
    console.log(kit.items.map((x: any) => [x.id, x.title, x.minSeconds]));
    const me: any = await api(server, tok, '/study/me');
    console.log(JSON.stringify(me.plans, null, 1));
  } finally { await server.stop(); }
})();
