/**
 * 三务公开 (console): the villages' disclosures by village, kind and status; a draft's editor with
 * its rows (finance: 收支明细, subsidies: 发放名单) and the finance sheet import; the signatures
 * in order (提交 → 监督小组审核 → 农经站审核 → 审批 → 发布, 退回, 更正), each button shown only when
 * the server says the caller may; the schedules per village with overdue marked and 检查逾期; and
 * 打印公开码 (the notice board's QR codes).
 */
import { PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ApiError,
  DISCLOSURE_AUDIENCE_LABELS,
  DISCLOSURE_CADENCE_LABELS,
  DISCLOSURE_CADENCES,
  DISCLOSURE_KIND_LABELS,
  DISCLOSURE_KINDS,
  DISCLOSURE_LIMITS,
  DISCLOSURE_STATUS_LABELS,
  DISCLOSURE_STATUSES,
  centsToYuan,
  yuanToCents,
  type DisclosureKind,
  type DisclosureListQuery,
  type DisclosureScheduleView,
  type DisclosureStatus,
  type DisclosureView,
  type OrgNode,
} from '@djzy/shared';
import {
  App,
  Alert,
  Button,
  Card,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
  Upload,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import {
  addDisclosureAttachment,
  checkSchedules,
  createDisclosure,
  deleteDisclosureAttachment,
  downloadDisclosureAttachment,
  getDisclosure,
  importDisclosureRows,
  listDisclosures,
  listSchedules,
  moveDisclosure,
  publicPageUrl,
  replaceDisclosureRows,
  updateDisclosure,
  updateSchedule,
  type DisclosureAction,
} from '../../api/disclosures';
import { flattenOrgs, OrgFilter } from '../../components/OrgTreeSelect';
import { PagedTable } from '../../components/PagedTable';
import { useOrgs } from '../../hooks/useOrgs';
import { usePaging } from '../../hooks/usePaging';

const STATUS_COLORS: Record<DisclosureStatus, string> = {
  draft: 'default',
  under_review: 'processing',
  reviewed: 'blue',
  finance_checked: 'cyan',
  approved: 'gold',
  published: 'success',
  superseded: 'default',
};
const errorText = (e: unknown) => {
  if (!(e instanceof ApiError)) return '操作失败，请稍后再试';
  const details = Array.isArray(e.details) ? (e.details as { field?: string; row?: number; message: string }[]) : [];
  const lines = details.map((d) => (d.row ? `第 ${d.row} 行：${d.message}` : d.message));
  return lines.length ? `${e.message}\n${lines.slice(0, 8).join('\n')}` : e.message;
};

/** Villages (branches) under the caller's orgs, or under one org. */
function villagesOf(orgs: OrgNode[] | null, orgId: string | null): OrgNode[] {
  const all = flattenOrgs(orgs ?? []);
  const root = orgId ? all.find((o) => o.id === orgId) : null;
  return (root ? flattenOrgs([root]) : all).filter((o) => o.kind === 'branch');
}

export function DisclosuresPage() {
  const orgs = useOrgs();
  const [orgId, setOrgId] = useState<string | null>(null);
  const navigate = useNavigate();
  const printQr = () => {
    const ids = villagesOf(orgs, orgId).map((o) => o.id);
    navigate(`/disclosures/qr?orgIds=${ids.join(',')}`);
  };
  return (
    <Card
      title="三务公开"
      extra={
        <Space>
          <OrgFilter orgs={orgs} value={orgId} onChange={setOrgId} testId="disclosure-org-filter" />
          <Button icon={<PrinterOutlined />} onClick={printQr} data-testid="disclosure-print-qr">
            打印公开码
          </Button>
        </Space>
      }
    >
      <Tabs
        items={[
          { key: 'items', label: '公开事项', children: <DisclosureList orgs={orgs} orgId={orgId} /> },
          { key: 'schedules', label: '公开计划与逾期', children: <Schedules orgId={orgId} /> },
        ]}
      />
    </Card>
  );
}

function DisclosureList(props: { orgs: OrgNode[] | null; orgId: string | null }) {
  const [kind, setKind] = useState<DisclosureKind | undefined>();
  const [status, setStatus] = useState<DisclosureStatus | undefined>();
  const [params, setParams] = useSearchParams();
  const openId = params.get('id');
  const setOpenId = (id: string | null) => setParams(id ? { id } : {}, { replace: !id });
  const [creating, setCreating] = useState(false);
  const paging = usePaging();
  const query: DisclosureListQuery = { orgId: props.orgId ?? undefined, kind, status, page: paging.page, pageSize: paging.pageSize };
  const list = useQuery({ queryKey: ['disclosures', query], queryFn: () => listDisclosures(query) });
  const columns: ColumnsType<DisclosureView> = [
    { title: '村', dataIndex: 'orgName', width: 140 },
    { title: '类别', dataIndex: 'kind', width: 90, render: (k: DisclosureKind) => DISCLOSURE_KIND_LABELS[k] },
    {
      title: '标题',
      dataIndex: 'title',
      render: (t: string, d) => (
        <a onClick={() => setOpenId(d.id)} data-testid={`disclosure-title-${d.id}`}>
          {t}
          {d.audience === 'members' && <Tag style={{ marginInlineStart: 6 }}>党内</Tag>}
        </a>
      ),
    },
    { title: '期间', key: 'period', width: 200, render: (_, d) => `${d.periodFrom} 至 ${d.periodTo}` },
    {
      title: '状态',
      dataIndex: 'status',
      width: 140,
      render: (s: DisclosureStatus) => (
        <Tag color={STATUS_COLORS[s]} data-testid="disclosure-status">
          {DISCLOSURE_STATUS_LABELS[s]}
        </Tag>
      ),
    },
  ];
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Select
          allowClear
          placeholder="全部类别"
          style={{ width: 130 }}
          value={kind}
          onChange={(v) => (setKind(v), paging.firstPage())}
          options={DISCLOSURE_KINDS.map((k) => ({ value: k, label: DISCLOSURE_KIND_LABELS[k] }))}
          data-testid="disclosure-kind-filter"
        />
        <Select
          allowClear
          placeholder="全部状态"
          style={{ width: 160 }}
          value={status}
          onChange={(v) => (setStatus(v), paging.firstPage())}
          options={DISCLOSURE_STATUSES.map((s) => ({ value: s, label: DISCLOSURE_STATUS_LABELS[s] }))}
          data-testid="disclosure-status-filter"
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="disclosure-create">
          新建公开
        </Button>
      </Space>
      <PagedTable<DisclosureView> list={list} paging={paging} unit="项" columns={columns} data-testid="disclosure-table" />
      {creating && (
        <CreateModal
          orgs={props.orgs}
          orgId={props.orgId}
          onClose={() => setCreating(false)}
          onCreated={(id) => (setCreating(false), setOpenId(id))}
        />
      )}
      {openId && <DisclosureDrawer id={openId} onClose={() => setOpenId(null)} onOpen={setOpenId} />}
    </>
  );
}

function CreateModal(props: { orgs: OrgNode[] | null; orgId: string | null; onClose(): void; onCreated(id: string): void }) {
  const villages = villagesOf(props.orgs, props.orgId);
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const qc = useQueryClient();
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      const d = await createDisclosure({
        orgId: v.orgId,
        kind: v.kind,
        title: v.title.trim(),
        periodFrom: v.periodFrom,
        periodTo: v.periodTo,
        audience: v.audience,
        body: v.body?.trim() || undefined,
      });
      await qc.invalidateQueries({ queryKey: ['disclosures'] });
      props.onCreated(d.id);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title="新建公开"
      onCancel={props.onClose}
      onOk={() => void submit()}
      confirmLoading={saving}
      okText="创建草稿"
      okButtonProps={{ 'data-testid': 'disclosure-create-ok' } as Record<string, string>}
    >
      <Form form={form} layout="vertical" initialValues={{ audience: 'public', orgId: villages.length === 1 ? villages[0].id : undefined }}>
        <Form.Item name="orgId" label="村党支部" rules={[{ required: true, message: '请选择村党支部' }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={villages.map((o) => ({ value: o.id, label: o.name }))}
            data-testid="disclosure-form-org"
          />
        </Form.Item>
        <Form.Item name="kind" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
          <Select
            options={DISCLOSURE_KINDS.map((k) => ({ value: k, label: DISCLOSURE_KIND_LABELS[k] }))}
            data-testid="disclosure-form-kind"
          />
        </Form.Item>
        <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
          <Input maxLength={DISCLOSURE_LIMITS.title} data-testid="disclosure-form-title" />
        </Form.Item>
        <Space>
          <Form.Item name="periodFrom" label="期间开始" rules={[{ required: true, message: '请选择开始日期' }]}>
            <Input type="date" data-testid="disclosure-form-from" />
          </Form.Item>
          <Form.Item name="periodTo" label="期间结束" rules={[{ required: true, message: '请选择结束日期' }]}>
            <Input type="date" data-testid="disclosure-form-to" />
          </Form.Item>
        </Space>
        <Form.Item name="audience" label="公开范围">
          <Select options={(['public', 'members'] as const).map((a) => ({ value: a, label: DISCLOSURE_AUDIENCE_LABELS[a] }))} />
        </Form.Item>
        <Form.Item name="body" label="公开内容（党务、村务）">
          <Input.TextArea rows={4} maxLength={DISCLOSURE_LIMITS.body} />
        </Form.Item>
        {error && <Alert type="error" showIcon title={<span style={{ whiteSpace: 'pre-wrap' }}>{error}</span>} />}
      </Form>
    </Modal>
  );
}

interface EditRow {
  on: string;
  item: string;
  a: string;
  b: string;
  c: string;
}

/** A disclosure's detail: signatures, rows (editable while a draft), and the moves the caller may make. */
function DisclosureDrawer(props: { id: string; onClose(): void; onOpen(id: string): void }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['disclosure', props.id], queryFn: () => getDisclosure(props.id) });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const [rows, setRows] = useState<EditRow[] | null>(null);
  const [body, setBody] = useState<string | null>(null);
  const [editingInfo, setEditingInfo] = useState(false);
  const [info] = Form.useForm<{ title: string; periodFrom: string; periodTo: string; audience: 'public' | 'members' }>();
  const d = q.data;
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: ['disclosure', props.id] });
    await qc.invalidateQueries({ queryKey: ['disclosures'] });
  };
  const run = async (what: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      await what();
      message.success(done);
      setRows(null);
      setBody(null);
      await refresh();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const move = (m: DisclosureAction, done: string, payload: object = {}) => run(() => moveDisclosure(props.id, m, payload), done);

  const editing = useMemo<EditRow[]>(() => {
    if (rows) return rows;
    if (!d) return [];
    if (d.kind === 'finance')
      return d.financeRows.map((r) => ({
        on: r.on,
        item: r.item,
        a: r.incomeCents ? centsToYuan(r.incomeCents, { grouping: false }) : '',
        b: r.expenseCents ? centsToYuan(r.expenseCents, { grouping: false }) : '',
        c: r.voucherNo ?? '',
      }));
    return d.subsidyRows.map((r) => ({
      on: r.paidOn,
      item: r.item,
      a: centsToYuan(r.amountCents, { grouping: false }),
      b: '',
      c: r.beneficiary,
    }));
  }, [rows, d]);

  if (!d) return <Drawer open onClose={props.onClose} title="三务公开" loading />;
  const draft = d.can.edit;
  const money = d.kind === 'finance' || d.kind === 'subsidy';
  const setRow = (i: number, patch: Partial<EditRow>) => setRows(editing.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const saveRows = () => {
    const bad = editing.findIndex((r) => (r.a && yuanToCents(r.a) === null) || (r.b && yuanToCents(r.b) === null));
    if (bad >= 0) return setError(`第 ${bad + 1} 行的金额不正确（单位元，最多两位小数）`);
    const body =
      d.kind === 'finance'
        ? {
            financeRows: editing.map((r) => ({
              on: r.on,
              item: r.item.trim(),
              incomeCents: yuanToCents(r.a) ?? 0,
              expenseCents: yuanToCents(r.b) ?? 0,
              voucherNo: r.c.trim() || undefined,
            })),
          }
        : {
            subsidyRows: editing.map((r) => ({
              paidOn: r.on,
              item: r.item.trim(),
              amountCents: yuanToCents(r.a) ?? 0,
              beneficiary: r.c.trim(),
            })),
          };
    return run(() => replaceDisclosureRows(d.id, body), '明细已保存');
  };
  const sig = (s: DisclosureView['reviewed']) =>
    s ? `${s.byName} · ${s.at.slice(0, 16).replace('T', ' ')}${s.note ? `（${s.note}）` : ''}` : '—';
  const rowColumns =
    d.kind === 'finance'
      ? [
          ['日期', 'on', 'date'],
          ['摘要', 'item', 'text'],
          ['收入（元）', 'a', 'text'],
          ['支出（元）', 'b', 'text'],
          ['凭证号', 'c', 'text'],
        ]
      : [
          ['领取人', 'c', 'text'],
          ['项目', 'item', 'text'],
          ['金额（元）', 'a', 'text'],
          ['发放日期', 'on', 'date'],
        ];

  return (
    <Drawer open size={900} onClose={props.onClose} title={d.title} data-testid="disclosure-drawer">
      <Descriptions column={2} size="small" bordered>
        <Descriptions.Item label="村">{d.orgName}</Descriptions.Item>
        <Descriptions.Item label="类别">{DISCLOSURE_KIND_LABELS[d.kind]}</Descriptions.Item>
        <Descriptions.Item label="期间">{`${d.periodFrom} 至 ${d.periodTo}`}</Descriptions.Item>
        <Descriptions.Item label="状态">
          <Tag color={STATUS_COLORS[d.status]} data-testid="disclosure-drawer-status">
            {DISCLOSURE_STATUS_LABELS[d.status]}
          </Tag>
          {d.version > 1 && <Tag>第 {d.version} 版</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label="经办">{sig(d.prepared)}</Descriptions.Item>
        <Descriptions.Item label="监督小组">{sig(d.reviewed)}</Descriptions.Item>
        {money && <Descriptions.Item label="农经站">{sig(d.financeChecked)}</Descriptions.Item>}
        <Descriptions.Item label="审批">{sig(d.approved)}</Descriptions.Item>
        <Descriptions.Item label="公开范围">{DISCLOSURE_AUDIENCE_LABELS[d.audience]}</Descriptions.Item>
        <Descriptions.Item label="发布时间">{d.publishedAt ? d.publishedAt.slice(0, 16).replace('T', ' ') : '—'}</Descriptions.Item>
      </Descriptions>
      {draft && !editingInfo && (
        <Button
          size="small"
          style={{ marginTop: 8 }}
          onClick={() => (
            info.setFieldsValue({ title: d.title, periodFrom: d.periodFrom, periodTo: d.periodTo, audience: d.audience }),
            setEditingInfo(true)
          )}
          data-testid="disclosure-edit-info"
        >
          修改标题、期间和公开范围
        </Button>
      )}
      {draft && editingInfo && (
        <Form form={info} layout="inline" style={{ marginTop: 8, rowGap: 8 }}>
          <Form.Item name="title" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
            <Input maxLength={DISCLOSURE_LIMITS.title} style={{ width: 320 }} />
          </Form.Item>
          <Form.Item name="periodFrom" rules={[{ required: true, message: '请选择开始日期' }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="periodTo" rules={[{ required: true, message: '请选择结束日期' }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="audience">
            <Select
              style={{ width: 130 }}
              options={(['public', 'members'] as const).map((a) => ({ value: a, label: DISCLOSURE_AUDIENCE_LABELS[a] }))}
            />
          </Form.Item>
          <Button
            type="primary"
            loading={busy}
            onClick={() =>
              void info.validateFields().then((v) =>
                run(async () => {
                  await updateDisclosure(d.id, { ...v, title: v.title.trim() });
                  setEditingInfo(false);
                }, '已保存'),
              )
            }
          >
            保存
          </Button>
          <Button onClick={() => setEditingInfo(false)}>取消</Button>
        </Form>
      )}
      {d.returnReason && <Alert style={{ marginTop: 12 }} type="warning" showIcon title={`已退回：${d.returnReason}`} />}
      {d.supersededById && (
        <Alert
          style={{ marginTop: 12 }}
          type="info"
          showIcon
          title={<a onClick={() => props.onOpen(d.supersededById!)}>已更正，查看更正后的版本</a>}
        />
      )}
      {(d.kind === 'party_affairs' || d.kind === 'village_affairs' || d.body) && (
        <div style={{ marginTop: 12 }}>
          <Typography.Title level={5}>公开内容</Typography.Title>
          {draft ? (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Input.TextArea
                rows={6}
                value={body ?? d.body ?? ''}
                onChange={(e) => setBody(e.target.value)}
                maxLength={DISCLOSURE_LIMITS.body}
                data-testid="disclosure-body"
              />
              <Button
                disabled={body === null}
                loading={busy}
                onClick={() => void run(() => updateDisclosure(d.id, { body: body ?? '' }), '内容已保存')}
              >
                保存内容
              </Button>
            </Space>
          ) : (
            <div style={{ whiteSpace: 'pre-wrap' }}>{d.body}</div>
          )}
        </div>
      )}
      {money && (
        <div style={{ marginTop: 12 }}>
          <Space style={{ marginBottom: 8 }} wrap>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {d.kind === 'finance' ? '收支明细' : '发放名单'}
            </Typography.Title>
            <span>
              {d.kind === 'finance'
                ? `收入合计 ${centsToYuan(d.totals.incomeCents)} 元，支出合计 ${centsToYuan(d.totals.expenseCents)} 元`
                : `合计 ${centsToYuan(d.totals.amountCents)} 元（领取人姓名保存时自动隐去中间字）`}
            </span>
            {draft && (
              <>
                <Button
                  size="small"
                  onClick={() => setRows([...editing, { on: d.periodFrom, item: '', a: '', b: '', c: '' }])}
                  data-testid="disclosure-add-row"
                >
                  添加一行
                </Button>
                <Button
                  size="small"
                  type="primary"
                  disabled={!rows}
                  loading={busy}
                  onClick={() => void saveRows()}
                  data-testid="disclosure-save-rows"
                >
                  保存明细
                </Button>
                {d.kind === 'finance' && (
                  <Upload
                    accept=".xlsx"
                    showUploadList={false}
                    beforeUpload={(file) => {
                      void run(async () => {
                        const r = await importDisclosureRows(d.id, file);
                        message.info(`已导入 ${r.imported} 行`);
                      }, '收支表已导入');
                      return false;
                    }}
                  >
                    <Button size="small" data-testid="disclosure-import">
                      导入收支表（三资系统导出的 Excel）
                    </Button>
                  </Upload>
                )}
              </>
            )}
          </Space>
          <Table<EditRow>
            size="small"
            rowKey={(_, i) => String(i)}
            pagination={false}
            dataSource={editing}
            data-testid="disclosure-rows"
            columns={[
              ...rowColumns.map(([title, key, type]) => ({
                title,
                key,
                render: (_: unknown, r: EditRow, i: number) =>
                  draft ? (
                    <Input
                      size="small"
                      type={type}
                      value={r[key as keyof EditRow]}
                      onChange={(e) => setRow(i, { [key]: e.target.value })}
                      data-testid={`row-${i}-${key}`}
                    />
                  ) : key === 'a' || key === 'b' ? (
                    <span style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {r[key as keyof EditRow] ? centsToYuan(yuanToCents(r[key as keyof EditRow]) ?? 0) : ''}
                    </span>
                  ) : (
                    r[key as keyof EditRow]
                  ),
              })),
              ...(draft
                ? [
                    {
                      title: '',
                      key: 'x',
                      width: 60,
                      render: (_: unknown, __: EditRow, i: number) => (
                        <a onClick={() => setRows(editing.filter((_, j) => j !== i))}>删除</a>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </div>
      )}
      <div style={{ marginTop: 12 }} data-testid="disclosure-attachments">
        <Space style={{ marginBottom: 8 }} wrap>
          <Typography.Title level={5} style={{ margin: 0 }}>
            附件
          </Typography.Title>
          <Typography.Text type="secondary">扫描的公开表、票据汇总等（PDF、JPG、PNG，最多 9 个；不要包含身份证号、手机号）</Typography.Text>
          {draft && (
            <Upload
              accept=".pdf,.jpg,.jpeg,.png"
              showUploadList={false}
              beforeUpload={(file) => {
                void run(() => addDisclosureAttachment(d.id, file), '附件已上传');
                return false;
              }}
            >
              <Button size="small" data-testid="disclosure-attach">
                上传附件
              </Button>
            </Upload>
          )}
        </Space>
        {d.attachments.length === 0 ? (
          <Typography.Text type="secondary">无</Typography.Text>
        ) : (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {d.attachments.map((a) => (
              <li key={a.id}>
                <a onClick={() => void downloadDisclosureAttachment(d.id, a)}>{a.name}</a>
                <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                  {Math.max(1, Math.round(a.size / 1024))} KB
                </Typography.Text>
                {draft && (
                  <a style={{ marginInlineStart: 12 }} onClick={() => void run(() => deleteDisclosureAttachment(d.id, a.id), '附件已删除')}>
                    删除
                  </a>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      {error && (
        <Alert
          style={{ marginTop: 12 }}
          type="error"
          showIcon
          title={
            <span style={{ whiteSpace: 'pre-wrap' }} data-testid="disclosure-error">
              {error}
            </span>
          }
        />
      )}
      <Space style={{ marginTop: 16 }} wrap>
        {d.can.submit && (
          <Button type="primary" loading={busy} onClick={() => void move('submit', '已提交监督小组审核')} data-testid="disclosure-submit">
            提交审核
          </Button>
        )}
        {d.can.review && (
          <Button type="primary" loading={busy} onClick={() => void move('review', '监督小组已审核')} data-testid="disclosure-review">
            监督小组审核通过
          </Button>
        )}
        {d.can.financeCheck && (
          <Button
            type="primary"
            loading={busy}
            onClick={() => void move('finance-check', '农经站已审核')}
            data-testid="disclosure-finance-check"
          >
            农经站审核通过
          </Button>
        )}
        {d.can.approve && (
          <Button type="primary" loading={busy} onClick={() => void move('approve', '已审批')} data-testid="disclosure-approve">
            审批通过
          </Button>
        )}
        {d.can.publish && (
          <Button type="primary" danger loading={busy} onClick={() => void move('publish', '已公开')} data-testid="disclosure-publish">
            发布公开
          </Button>
        )}
        {d.can.return && (
          <Button loading={busy} onClick={() => setReturning(true)} data-testid="disclosure-return">
            退回修改
          </Button>
        )}
        {d.can.correct && (
          <Button
            loading={busy}
            onClick={() =>
              void run(async () => {
                const fix = await moveDisclosure(d.id, 'correct');
                props.onOpen(fix.id);
              }, '已生成更正草稿')
            }
            data-testid="disclosure-correct"
          >
            更正
          </Button>
        )}
        {(d.status === 'published' || d.status === 'superseded') && d.audience === 'public' && (
          <a href={publicPageUrl(d.orgId)} target="_blank" rel="noreferrer">
            查看群众看到的公开页
          </a>
        )}
      </Space>
      <Modal
        open={returning}
        title="退回修改"
        onCancel={() => setReturning(false)}
        okButtonProps={{ disabled: !reason.trim() }}
        onOk={() => (setReturning(false), void move('return', '已退回', { reason: reason.trim() }))}
      >
        <Input.TextArea
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={DISCLOSURE_LIMITS.reason}
          placeholder="退回理由"
        />
      </Modal>
    </Drawer>
  );
}

function Schedules(props: { orgId: string | null }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['disclosure-schedules', props.orgId], queryFn: () => listSchedules(props.orgId ?? undefined) });
  const [checking, setChecking] = useState(false);
  const change = async (s: DisclosureScheduleView, patch: Parameters<typeof updateSchedule>[1]) => {
    try {
      await updateSchedule(s.id, patch);
      await qc.invalidateQueries({ queryKey: ['disclosure-schedules'] });
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const check = async () => {
    setChecking(true);
    try {
      const r = await checkSchedules(props.orgId ?? undefined);
      message.success(r.raised ? `逾期 ${r.overdue} 项，新登记问题 ${r.raised} 个（见问题清单）` : `逾期 ${r.overdue} 项，均已登记过问题`);
      await qc.invalidateQueries({ queryKey: ['disclosure-schedules'] });
    } finally {
      setChecking(false);
    }
  };
  const columns: ColumnsType<DisclosureScheduleView> = [
    { title: '村', dataIndex: 'orgName', width: 160 },
    { title: '类别', dataIndex: 'kind', width: 100, render: (k: DisclosureKind) => DISCLOSURE_KIND_LABELS[k] },
    {
      title: '频次',
      dataIndex: 'cadence',
      width: 180,
      render: (c, s) => (
        <Select
          size="small"
          style={{ width: 150 }}
          value={c}
          onChange={(v) => void change(s, { cadence: v })}
          options={DISCLOSURE_CADENCES.map((x) => ({ value: x, label: DISCLOSURE_CADENCE_LABELS[x] }))}
        />
      ),
    },
    {
      title: '收支较少（按季度）',
      key: 'low',
      width: 150,
      render: (_, s) =>
        s.kind === 'finance' ? <Switch size="small" checked={s.lowActivity} onChange={(v) => void change(s, { lowActivity: v })} /> : null,
    },
    { title: '下次应公开', dataIndex: 'nextDueOn', width: 120, render: (d: string | null) => d ?? '随时公开' },
    {
      title: '情况',
      key: 'state',
      render: (_, s) =>
        s.overdue ? (
          <Space>
            <Tag color="red" data-testid="schedule-overdue">
              逾期 {s.overdueDays} 天
            </Tag>
            {s.problemId && <a href={`/console/problems?id=${s.problemId}`}>已登记问题</a>}
          </Space>
        ) : (
          <Tag color="green">正常</Tag>
        ),
    },
  ];
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" danger loading={checking} onClick={() => void check()} data-testid="schedule-check">
          检查逾期
        </Button>
        <Typography.Text type="secondary">逾期未公开的，向乡镇问题清单登记一个“监督”问题（同一期只登记一次）。</Typography.Text>
      </Space>
      <Table<DisclosureScheduleView>
        rowKey="id"
        size="small"
        loading={q.isFetching}
        dataSource={q.data ?? []}
        columns={columns}
        pagination={{ pageSize: 40 }}
        data-testid="schedule-table"
      />
    </>
  );
}
