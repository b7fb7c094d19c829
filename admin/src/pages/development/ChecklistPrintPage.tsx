/** A case's 材料清单, printable: the 25 steps with the documents each needs, what is on file and when. */
import { DEVELOPMENT_CASE_STAGE_LABELS, DEVELOPMENT_PHASE_LABELS, DEVELOPMENT_STEPS } from '@djzy/shared';
import { Button } from 'antd';
import { useParams } from 'react-router-dom';
import { useCase } from '../../api/development';

const PRINT_CSS = `
@media print { .no-print { display: none !important; } body { margin: 0; } }
.dev-checklist { font-family: "SimSun", "Songti SC", serif; max-width: 900px; margin: 24px auto; color: #000; }
.dev-checklist table { width: 100%; border-collapse: collapse; font-size: 13px; }
.dev-checklist th, .dev-checklist td { border: 1px solid #000; padding: 4px 6px; vertical-align: top; }
.dev-checklist h1 { text-align: center; font-size: 20px; }
`;

export function ChecklistPrintPage() {
  const { id } = useParams();
  const one = useCase(id ?? null);
  const c = one.data;
  if (!c) return <div style={{ padding: 24 }}>{one.isError ? '档案不存在或无权查看' : '正在加载…'}</div>;
  const effective = c.steps.filter((s) => !s.supersededBy);
  return (
    <div className="dev-checklist" data-testid="dev-checklist">
      <style>{PRINT_CSS}</style>
      <div className="no-print" style={{ textAlign: 'right', marginBottom: 8 }}>
        <Button type="primary" onClick={() => window.print()} data-testid="dev-checklist-print">
          打印
        </Button>
      </div>
      <h1>发展党员材料清单</h1>
      <p style={{ display: 'flex', gap: 24, flexWrap: 'wrap' }}>
        <span>姓名：{c.name}</span>
        <span>党支部：{c.branchName}</span>
        <span>身份证号：{c.idNumber}</span>
        <span>当前阶段：{DEVELOPMENT_CASE_STAGE_LABELS[c.stage]}</span>
        {c.probationStart && <span>{`预备期：${c.probationStart} 至 ${c.probationEnd}`}</span>}
      </p>
      <table>
        <thead>
          <tr>
            <th style={{ width: 90 }}>阶段</th>
            <th style={{ width: 40 }}>步骤</th>
            <th>内容</th>
            <th>应有材料</th>
            <th style={{ width: 90 }}>日期</th>
            <th>材料存放 / 备注</th>
            <th style={{ width: 40 }}>核对</th>
          </tr>
        </thead>
        <tbody>
          {DEVELOPMENT_STEPS.map((d) => {
            const recs = effective.filter((s) => s.step === d.step);
            return (
              <tr key={d.step}>
                <td>{DEVELOPMENT_PHASE_LABELS[d.phase]}</td>
                <td>{d.step}</td>
                <td>{d.name}</td>
                <td>{d.documents}</td>
                <td>{recs.map((r) => r.occurredOn).join('、') || '—'}</td>
                <td>
                  {recs
                    .map((r) => [r.documents, r.note].filter(Boolean).join('；'))
                    .filter(Boolean)
                    .join('；')}
                </td>
                <td>{recs.length ? '✓' : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p style={{ marginTop: 16, display: 'flex', gap: 120 }}>
        <span>党支部（盖章）：</span>
        <span>经办人：</span>
        <span>打印日期：{new Date().toLocaleDateString('zh-CN')}</span>
      </p>
    </div>
  );
}
