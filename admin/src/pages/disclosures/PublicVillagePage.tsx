/**
 * The village's public 三务公开 page, reached by the QR code on the notice board: no sign-in, no
 * registration, phone-sized. This period's items of each kind first, then past ones (已更正 marked
 * with a link to the correction); rows in tables with amounts in 元; a 我要监督 button on each item
 * posts a villager's question to the township (answered within the reply period). It shows no ID
 * number or phone of anyone: the server never sends one (names are masked 张*明).
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Result, Segmented, Spin, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useParams } from 'react-router-dom';
import {
  ApiError,
  DISCLOSURE_KINDS,
  DISCLOSURE_KIND_LABELS,
  DISCLOSURE_LIMITS,
  centsToYuan,
  type CreateFeedbackResponse,
  type DisclosureKind,
  type PublicDisclosureView,
} from '@djzy/shared';
import { publicAttachmentUrl, publicVillageDisclosures, sendPublicFeedback } from '../../api/disclosures';

/** Phone-first styles of this page alone (the console's own pages use antd's layout). */
const CSS = `
.pv-page { max-width: 720px; margin: 0 auto; min-height: 100vh; background: #f5f5f5; font-size: 15px; padding-bottom: 24px; }
.pv-header { background: linear-gradient(180deg, #c8161d, #a30f15); color: #fff; padding: 20px 16px 16px; }
.pv-header h1 { color: #fff; font-size: 22px; margin: 4px 0; }
.pv-township, .pv-sub { opacity: .9; font-size: 13px; }
.pv-kinds { margin: 12px; }
.pv-section { font-size: 16px; margin: 16px 12px 8px; color: #a30f15; }
.pv-item { background: #fff; margin: 0 12px 12px; border-radius: 8px; overflow: hidden; box-shadow: 0 1px 2px rgba(0,0,0,.06); }
.pv-item-head { padding: 12px; cursor: pointer; }
.pv-item-head h3 { font-size: 16px; margin: 6px 0 4px; }
.pv-superseded .pv-item-head h3 { color: #888; text-decoration: line-through; }
.pv-meta { color: #888; font-size: 12px; }
.pv-item-body { padding: 0 12px 12px; }
.pv-text { white-space: pre-wrap; line-height: 1.7; margin-bottom: 8px; }
.pv-table-wrap { overflow-x: auto; margin-bottom: 8px; }
.pv-table { width: 100%; border-collapse: collapse; font-size: 13px; }
.pv-table th, .pv-table td { border: 1px solid #eee; padding: 6px 4px; text-align: left; white-space: nowrap; }
.pv-table td:nth-child(2) { white-space: normal; min-width: 6em; }
.pv-table th { background: #fafafa; }
.pv-table tfoot td { font-weight: 600; background: #fffbe6; }
.pv-num { text-align: right !important; font-variant-numeric: tabular-nums; }
.pv-signs { color: #389e0d; font-size: 12px; display: flex; gap: 12px; flex-wrap: wrap; margin: 4px 0 10px; }
.pv-footer { color: #888; font-size: 12px; margin: 16px; text-align: center; }
.pv-files { margin: 0 0 8px; padding-inline-start: 18px; word-break: break-all; }
.pv-ask-about { color: #666; margin-bottom: 8px; }
`;

const period = (d: PublicDisclosureView) => `${d.periodFrom} 至 ${d.periodTo}`;

export function PublicVillagePage() {
  const { orgId = '' } = useParams();
  const [kind, setKind] = useState<DisclosureKind | 'all'>('all');
  const [asking, setAsking] = useState<PublicDisclosureView | null>(null);
  const q = useQuery({ queryKey: ['public-disclosures', orgId], queryFn: () => publicVillageDisclosures(orgId), retry: false });
  const items = useMemo(() => (q.data?.items ?? []).filter((i) => kind === 'all' || i.kind === kind), [q.data, kind]);
  const current = items.filter((i) => i.current);
  const past = items.filter((i) => !i.current);

  if (q.isPending) return <Spin fullscreen description="正在加载…" />;
  if (q.error)
    return (
      <div className="pv-page">
        <style>{CSS}</style>
        <Result
          status="404"
          title="没有找到这个村的公开栏"
          subTitle={q.error instanceof ApiError && q.error.status !== 404 ? q.error.message : '请确认扫描的是村务公开栏上的二维码'}
        />
      </div>
    );
  const village = q.data!;
  return (
    <div className="pv-page">
      <style>{CSS}</style>
      <header className="pv-header">
        <div className="pv-township">{village.townshipName}</div>
        <h1>{village.orgName.replace(/党支部$/, '')}三务公开</h1>
        <div className="pv-sub">党务 · 村务 · 财务 · 惠农补贴，欢迎监督</div>
      </header>
      <Segmented
        block
        className="pv-kinds"
        value={kind}
        onChange={(v) => setKind(v as DisclosureKind | 'all')}
        options={[{ label: '全部', value: 'all' }, ...DISCLOSURE_KINDS.map((k) => ({ label: DISCLOSURE_KIND_LABELS[k], value: k }))]}
      />
      {!items.length && <Alert type="info" showIcon title="暂无公开内容" style={{ margin: 12 }} />}
      {current.length > 0 && <h2 className="pv-section">本期公开</h2>}
      {current.map((d) => (
        <Item key={d.id} d={d} onAsk={() => setAsking(d)} />
      ))}
      {past.length > 0 && <h2 className="pv-section">往期公开</h2>}
      {past.map((d) => (
        <Item key={d.id} d={d} onAsk={() => setAsking(d)} />
      ))}
      <footer className="pv-footer">对公开内容有疑问，可点击“我要监督”留言，无需注册。乡镇将在规定时间内答复。</footer>
      {asking && <AskModal d={asking} onClose={() => setAsking(null)} />}
    </div>
  );
}

function Item(props: { d: PublicDisclosureView; onAsk: () => void }) {
  const { d } = props;
  const [open, setOpen] = useState(props.d.current);
  return (
    <article className={`pv-item${d.superseded ? ' pv-superseded' : ''}`} id={`d-${d.id}`} data-testid="public-disclosure">
      <div className="pv-item-head" onClick={() => setOpen(!open)} role="button" aria-expanded={open}>
        <div>
          <Tag color="red">{DISCLOSURE_KIND_LABELS[d.kind]}</Tag>
          {d.superseded && <Tag color="default">已更正</Tag>}
          {d.version > 1 && !d.superseded && <Tag color="orange">更正版</Tag>}
        </div>
        <h3>{d.title}</h3>
        <div className="pv-meta">
          公开期间：{period(d)} · 发布于 {d.publishedAt.slice(0, 10)}
        </div>
      </div>
      {open && (
        <div className="pv-item-body">
          {d.superseded && d.supersededById && (
            <Alert
              type="warning"
              showIcon
              title={<a href={`#d-${d.supersededById}`}>此内容已更正，请查看更正后的版本</a>}
              style={{ marginBottom: 8 }}
            />
          )}
          {d.body && <div className="pv-text">{d.body}</div>}
          {d.kind === 'finance' && d.financeRows.length > 0 && (
            <div className="pv-table-wrap">
              <table className="pv-table">
                <thead>
                  <tr>
                    <th>日期</th>
                    <th>摘要</th>
                    <th className="pv-num">收入（元）</th>
                    <th className="pv-num">支出（元）</th>
                    <th>凭证号</th>
                  </tr>
                </thead>
                <tbody>
                  {d.financeRows.map((r, i) => (
                    <tr key={i}>
                      <td>{r.on.slice(5)}</td>
                      <td>{r.item}</td>
                      <td className="pv-num">{r.incomeCents ? centsToYuan(r.incomeCents) : ''}</td>
                      <td className="pv-num">{r.expenseCents ? centsToYuan(r.expenseCents) : ''}</td>
                      <td>{r.voucherNo ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <td colSpan={2}>合计</td>
                    <td className="pv-num">{centsToYuan(d.totals.incomeCents)}</td>
                    <td className="pv-num">{centsToYuan(d.totals.expenseCents)}</td>
                    <td />
                  </tr>
                </tfoot>
              </table>
            </div>
          )}
          {d.kind === 'subsidy' && d.subsidyRows.length > 0 && (
            <div className="pv-table-wrap">
              <table className="pv-table">
                <thead>
                  <tr>
                    <th>领取人</th>
                    <th>项目</th>
                    <th className="pv-num">金额（元）</th>
                    <th>发放日期</th>
                  </tr>
                </thead>
                <tbody>
                  {d.subsidyRows.map((r, i) => (
                    <tr key={i}>
                      <td>{r.beneficiary}</td>
                      <td>{r.item}</td>
                      <td className="pv-num">{centsToYuan(r.amountCents)}</td>
                      <td>{r.paidOn}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <td colSpan={2}>合计（{d.subsidyRows.length} 户）</td>
                    <td className="pv-num">{centsToYuan(d.totals.amountCents)}</td>
                    <td />
                  </tr>
                </tfoot>
              </table>
            </div>
          )}
          {d.attachments.length > 0 && (
            <ul className="pv-files">
              {d.attachments.map((a) => (
                <li key={a.id}>
                  <a href={publicAttachmentUrl(d.id, a.id)} target="_blank" rel="noreferrer">
                    📎 {a.name}
                  </a>
                </li>
              ))}
            </ul>
          )}
          <div className="pv-signs">
            {d.reviewed && <span>✔ 村务监督委员会已审核</span>}
            {d.financeChecked && <span>✔ 乡镇农经站已审核</span>}
          </div>
          {!d.superseded && (
            <Button type="primary" danger block size="large" onClick={props.onAsk}>
              我要监督
            </Button>
          )}
        </div>
      )}
    </article>
  );
}

function AskModal(props: { d: PublicDisclosureView; onClose: () => void }) {
  const [form] = Form.useForm<{ content: string; contact?: string }>();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<CreateFeedbackResponse | null>(null);
  const submit = async () => {
    const values = await form.validateFields();
    setSending(true);
    setError(null);
    try {
      setDone(await sendPublicFeedback(props.d.id, { content: values.content.trim(), contact: values.contact?.trim() || undefined }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '提交失败，请稍后再试');
    } finally {
      setSending(false);
    }
  };
  return (
    <Modal
      open
      title="我要监督"
      onCancel={props.onClose}
      width="min(520px, calc(100vw - 24px))"
      footer={
        done ? (
          <Button type="primary" onClick={props.onClose}>
            好的
          </Button>
        ) : (
          [
            <Button key="cancel" onClick={props.onClose}>
              取消
            </Button>,
            <Button key="ok" type="primary" danger loading={sending} onClick={() => void submit()}>
              提交
            </Button>,
          ]
        )
      }
    >
      {done ? (
        <Result status="success" title="已收到" subTitle={`乡镇将在 ${done.replyDueAt.slice(0, 10)} 前答复您。`} />
      ) : (
        <Form form={form} layout="vertical">
          <div className="pv-ask-about">关于：{props.d.title}</div>
          <Form.Item name="content" label="您的意见或问题" rules={[{ required: true, whitespace: true, message: '请填写您的意见或问题' }]}>
            <Input.TextArea
              rows={5}
              maxLength={DISCLOSURE_LIMITS.feedbackContent}
              showCount
              placeholder="例如：某项支出的用途、补贴名单是否有遗漏……"
            />
          </Form.Item>
          <Form.Item name="contact" label="联系方式（选填）" extra="只有负责答复的工作人员能看到，不会公开。">
            <Input maxLength={DISCLOSURE_LIMITS.feedbackContact} placeholder="如希望电话回复，请留下电话" />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} />}
        </Form>
      )}
    </Modal>
  );
}
