/**
 * 打印测评票: a sheet of QR slips for one 述职评议 or one 民主评议党员's 民主测评 (eight to an A4
 * page), each a one-time token the server showed once — read from this browser session, never from
 * the server again. Each slip opens its ballot page without signing in; cut along the dashed lines
 * and hand one to each attendee.
 */
import { Button, Space } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useRef } from 'react';
import { useParams } from 'react-router-dom';
import { appraisalBallotUrl, appraisalSlipsKey } from '../../api/appraisal';
import { ballotUrl, slipsKey } from '../../api/review';

const PRINT_CSS = `
.bs-sheet { display: grid; grid-template-columns: repeat(2, 90mm); gap: 0; justify-content: center; }
.bs-slip { width: 90mm; height: 68mm; box-sizing: border-box; border: 1px dashed #999; padding: 4mm; text-align: center; page-break-inside: avoid; }
.bs-slip h3 { font-size: 14px; margin: 0 0 2mm; color: #c8161d; }
.bs-slip p { font-size: 11px; margin: 1mm 0; color: #444; }
@media print { .bs-toolbar { display: none; } }
`;

/** What differs between the two votes' slips. */
const KINDS = {
  review: {
    urlOf: ballotUrl,
    keyOf: slipsKey,
    title: (year: number) => `${year}年度述职评议`,
    hint: '微信扫码，为每位述职人选择等次后提交。无记名，每票限投一次。',
    source: '“述职评议”',
  },
  appraisal: {
    urlOf: appraisalBallotUrl,
    keyOf: appraisalSlipsKey,
    title: (year: number) => `${year}年度民主评议党员`,
    hint: '微信扫码，为每位参评党员选择等次后提交。无记名，每票限投一次。',
    source: '“民主评议与处置”',
  },
} as const;

function Slip(props: { token: string; title: string; n: number; kind: keyof typeof KINDS }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const url = KINDS[props.kind].urlOf(props.token);
  useEffect(() => {
    if (canvas.current) void QRCode.toCanvas(canvas.current, url, { width: 150, margin: 1, errorCorrectionLevel: 'M' });
  }, [url]);
  return (
    <section className="bs-slip" data-testid="ballot-slip" data-url={url}>
      <h3>{props.title} · 测评票</h3>
      <canvas ref={canvas} />
      <p>{KINDS[props.kind].hint}</p>
      <p>第 {props.n} 张</p>
    </section>
  );
}

export function BallotSlipsPage(props: { kind?: keyof typeof KINDS }) {
  const kind = props.kind ?? 'review';
  const { id = '' } = useParams();
  const raw = sessionStorage.getItem(KINDS[kind].keyOf(id));
  const data = raw ? (JSON.parse(raw) as { title: string; year: number; tokens: string[] }) : null;
  return (
    <div style={{ padding: 16 }}>
      <style>{PRINT_CSS}</style>
      <Space className="bs-toolbar" style={{ marginBottom: 16 }}>
        <Button type="primary" onClick={() => window.print()} disabled={!data}>
          打印
        </Button>
        <span data-testid="ballot-slips-count">
          {data
            ? `共 ${data.tokens.length} 张测评票。测评票只显示这一次：关闭本页前请打印。`
            : `没有可打印的测评票：请在${KINDS[kind].source}页面生成测评票。`}
        </span>
      </Space>
      {data && (
        <div className="bs-sheet">
          {data.tokens.map((t, i) => (
            <Slip key={t} token={t} title={KINDS[kind].title(data.year)} n={i + 1} kind={kind} />
          ))}
        </div>
      )}
    </div>
  );
}
