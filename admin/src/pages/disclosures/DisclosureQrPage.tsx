/**
 * 打印公开码: one sheet per village for the notice board — the village's name and a QR code of its
 * public 三务公开 page (drawn in the browser with the console's qrcode library), with the address
 * printed under it for anyone without a scanner. `?orgIds=a,b,c` prints several, one per page.
 */
import { Button, Space, Spin } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router-dom';
import { flattenOrgs } from '../../components/OrgTreeSelect';
import { useOrgs } from '../../hooks/useOrgs';
import { publicPageUrl } from '../../api/disclosures';

const PRINT_CSS = `
.dq-sheet { width: 180mm; margin: 0 auto 24px; padding: 16mm 10mm; text-align: center; border: 1px dashed #ddd; page-break-after: always; }
.dq-sheet h1 { font-size: 30px; color: #c8161d; margin: 0 0 4px; }
.dq-sheet h2 { font-size: 20px; margin: 0 0 16px; font-weight: normal; }
.dq-sheet p { color: #555; font-size: 14px; margin: 8px 0; word-break: break-all; }
@media print { .dq-toolbar { display: none; } .dq-sheet { border: none; margin: 0 auto; } }
`;

function Sheet(props: { orgId: string; name: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const url = publicPageUrl(props.orgId);
  useEffect(() => {
    if (canvas.current) void QRCode.toCanvas(canvas.current, url, { width: 360, margin: 2, errorCorrectionLevel: 'M' });
  }, [url]);
  return (
    <section className="dq-sheet" data-testid="disclosure-qr-sheet">
      <h1>{props.name.replace(/党支部$/, '')}三务公开</h1>
      <h2>党务 · 村务 · 财务 · 惠农补贴 扫码查看，欢迎监督</h2>
      <canvas ref={canvas} data-testid="disclosure-qr" />
      <p>微信或手机相机扫码即可查看，无需注册登录</p>
      <p>{url}</p>
    </section>
  );
}

export function DisclosureQrPage() {
  const [params] = useSearchParams();
  const orgs = useOrgs();
  const ids = useMemo(() => (params.get('orgIds') ?? '').split(',').filter(Boolean), [params]);
  const all = useMemo(() => (orgs ? flattenOrgs(orgs) : []), [orgs]);
  if (orgs === null) return <Spin fullscreen description="正在加载…" />;
  const picked = ids.map((id) => all.find((o) => o.id === id)).filter((o): o is NonNullable<typeof o> => !!o && o.kind === 'branch');
  return (
    <div style={{ padding: 16 }}>
      <style>{PRINT_CSS}</style>
      <Space className="dq-toolbar" style={{ marginBottom: 16 }}>
        <Button type="primary" onClick={() => window.print()} disabled={!picked.length}>
          打印
        </Button>
        <Button onClick={() => window.history.back()}>返回</Button>
        <span>{picked.length ? `共 ${picked.length} 个村` : '没有可打印的村（请从三务公开页面选择村党支部）'}</span>
      </Space>
      {picked.map((o) => (
        <Sheet key={o.id} orgId={o.id} name={o.name} />
      ))}
    </div>
  );
}
