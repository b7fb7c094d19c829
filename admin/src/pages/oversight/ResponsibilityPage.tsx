/**
 * 责任清单 (建单、领单、晒单、查单、验单) of an org and year. A township writes its items (草稿,
 * 新增) and 下发到各支部; below, each branch's items with 验单 for those the caller may judge. A
 * branch's managers 领单 (measures and who answers for it) and add the branch's own items.
 */
import { PlusOutlined, SendOutlined } from '@ant-design/icons';
import {
  LIMITS,
  RESPONSIBILITY_RESULT_LABELS,
  RESPONSIBILITY_RESULTS,
  RESPONSIBILITY_STATUS_LABELS,
  type ResponsibilityItemView,
  type ResponsibilityResult,
  type ResponsibilityStatus,
} from '@djzy/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
  type ButtonProps,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { fieldErrorsOr } from '../../api/formErrors';
import {
  acknowledgeResponsibility,
  createResponsibility,
  evaluateResponsibility,
  oversightKeys,
  publishResponsibility,
  useResponsibility,
} from '../../api/oversight';
import { maxChars } from '../../components/formRules';
import { MemberSearchSelect } from '../../components/MemberSearchSelect';
import { flattenOrgs, OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useOrgChoice } from '../../hooks/useOrgs';
import { moveErrorText, yearOptions } from '../problems/labels';

const STATUS_COLORS: Record<ResponsibilityStatus, string> = {
  draft: 'default',
  published: 'blue',
  acknowledged: 'orange',
  evaluated: 'green',
};
const CATEGORIES = ['组织建设', '思想建设', '作风建设', '党风廉政', '党员教育管理', '基层治理', '为民服务'];

type Dialog =
  | { kind: 'new'; orgId: string; own: boolean }
  | { kind: 'acknowledge'; item: ResponsibilityItemView }
  | { kind: 'evaluate'; item: ResponsibilityItemView };

/** The 责任清单 screen. */
export function ResponsibilityPage() {
  const { orgs, orgId, setOrgId } = useOrgChoice();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [year, setYear] = useState(dayjs().year());
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const org = useMemo(() => flattenOrgs(orgs ?? []).find((o) => o.id === orgId) ?? null, [orgs, orgId]);
  const list = useResponsibility(orgId ? { orgId, year } : null);
  const items = useMemo(() => list.data ?? [], [list.data]);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: oversightKeys.responsibility });

  const own = items.filter((i) => i.orgId === orgId);
  const below = useMemo(() => {
    const groups = new Map<string, { name: string; items: ResponsibilityItemView[] }>();
    for (const i of items) {
      if (i.orgId === orgId) continue;
      const g = groups.get(i.orgId) ?? { name: i.orgName, items: [] };
      g.items.push(i);
      groups.set(i.orgId, g);
    }
    return [...groups.entries()];
  }, [items, orgId]);
  const drafts = own.filter((i) => i.status === 'draft').length;

  const publish = () =>
    modal.confirm({
      title: '下发责任清单',
      content: `将 ${year} 年的 ${drafts} 条草稿下发到${org?.name ?? ''}的各支部，下发后不能修改，确定下发？`,
      okText: '下发',
      cancelText: '取消',
      okButtonProps: { 'data-testid': 'resp-publish-ok' } as ButtonProps,
      onOk: async () => {
        try {
          const r = await publishResponsibility(orgId!, year);
          message.success(`已下发 ${r.published} 条到 ${r.branches} 个支部`);
        } catch (e) {
          message.error(moveErrorText(e, '下发失败，请重试'));
        } finally {
          refresh();
        }
      },
    });

  const columns: ColumnsType<ResponsibilityItemView> = [
    { title: '类别', dataIndex: 'category', width: 110 },
    { title: '责任内容', dataIndex: 'content', render: (c: string, i) => <span data-testid={`resp-content-${i.id}`}>{c}</span> },
    { title: '措施', dataIndex: 'measures', ellipsis: true, render: (m: string | null) => m ?? '—' },
    { title: '责任人', dataIndex: 'responsibleName', width: 90, render: (n: string | null) => n ?? '—' },
    { title: '完成时限', dataIndex: 'dueDate', width: 110, render: (d: string | null) => d ?? '—' },
    {
      title: '状态',
      key: 'status',
      width: 150,
      render: (_, i) => (
        <span data-testid={`resp-status-${i.id}`}>
          <Tag color={STATUS_COLORS[i.status]}>{RESPONSIBILITY_STATUS_LABELS[i.status]}</Tag>
          {i.source === 'self' && <Tag>自选</Tag>}
          {i.result && <Tag color={i.result === 'not_met' ? 'red' : 'green'}>{RESPONSIBILITY_RESULT_LABELS[i.result]}</Tag>}
        </span>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 90,
      render: (_, i) => (
        <Space size={0}>
          {i.canAcknowledge && (
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'acknowledge', item: i })} data-testid={`resp-ack-${i.id}`}>
              {i.status === 'acknowledged' ? '修改措施' : '领单'}
            </Button>
          )}
          {i.canEvaluate && (
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'evaluate', item: i })} data-testid={`resp-eval-${i.id}`}>
              验单
            </Button>
          )}
        </Space>
      ),
    },
  ];
  const table = (rows: ResponsibilityItemView[], testId: string) => (
    <Table<ResponsibilityItemView>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={false}
      data-testid={testId}
      locale={{ emptyText: '暂无条目' }}
    />
  );

  return (
    <Card size="small" title="责任清单">
      <Space wrap style={{ marginBottom: 12 }}>
        {orgs === null ? <Spin size="small" /> : <OrgTreeSelect orgs={orgs} value={orgId} onChange={setOrgId} testId="resp-org" />}
        <Select<number> data-testid="resp-year" style={{ width: 110 }} value={year} onChange={setYear} options={yearOptions()} />
      </Space>
      {list.isLoading && <Spin style={{ display: 'block', margin: 24 }} />}
      {org && !list.isLoading && (
        <>
          {org.kind === 'township' && (
            <Card
              size="small"
              type="inner"
              title={`${org.name}责任清单（模板）`}
              style={{ marginBottom: 16 }}
              extra={
                <Space>
                  <Button
                    icon={<PlusOutlined />}
                    onClick={() => setDialog({ kind: 'new', orgId: org.id, own: false })}
                    data-testid="resp-new"
                  >
                    新增
                  </Button>
                  <Button type="primary" icon={<SendOutlined />} disabled={!drafts} onClick={publish} data-testid="resp-publish">
                    下发到各支部
                  </Button>
                </Space>
              }
            >
              {table(own, 'resp-template-table')}
            </Card>
          )}
          {org.kind === 'branch' && (
            <Card
              size="small"
              type="inner"
              title={`${org.name}责任清单`}
              style={{ marginBottom: 16 }}
              extra={
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => setDialog({ kind: 'new', orgId: org.id, own: true })}
                  data-testid="resp-new-own"
                >
                  新增本支部事项
                </Button>
              }
            >
              {table(own, 'resp-branch-table')}
            </Card>
          )}
          {org.kind !== 'branch' &&
            (below.length ? (
              below.map(([id, g]) => (
                <Card key={id} size="small" type="inner" title={g.name} style={{ marginBottom: 12 }} data-testid={`resp-group-${id}`}>
                  {table(g.items, `resp-table-${id}`)}
                </Card>
              ))
            ) : (
              <Empty description={org.kind === 'township' ? '尚未下发到各支部' : '暂无责任清单，请选择乡镇党委或党支部'} />
            ))}
        </>
      )}
      <NewItemModal
        dialog={dialog?.kind === 'new' ? dialog : null}
        year={year}
        onClose={() => setDialog(null)}
        onDone={() => (setDialog(null), refresh())}
      />
      <AcknowledgeModal
        item={dialog?.kind === 'acknowledge' ? dialog.item : null}
        onClose={() => setDialog(null)}
        onDone={() => (setDialog(null), refresh())}
      />
      <EvaluateModal
        item={dialog?.kind === 'evaluate' ? dialog.item : null}
        onClose={() => setDialog(null)}
        onDone={() => (setDialog(null), refresh())}
      />
    </Card>
  );
}

/** A modal form whose OK sends `send(values)`; a refusal shows under the fields or in its alert. */
function useDialogForm<V extends object>(
  open: boolean,
  fields: string[],
  send: (v: V) => Promise<unknown>,
  done: () => void,
  okText: string,
) {
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const [error, setError] = useState<string | null>(null);
  const m = useMutation({ mutationFn: send });
  // Each opening starts from the form's initial values (the item's own), as 登记问题 does.
  useEffect(() => {
    if (open) {
      form.resetFields();
      setError(null);
    }
  }, [open, form]);
  const run = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setError(null);
    try {
      await m.mutateAsync(v);
      message.success(okText);
      done();
    } catch (e) {
      setError(fieldErrorsOr(form, e, '保存失败，请重试', (f) => (fields.includes(f) ? [f] : null)));
    }
  };
  return { form, error, run, pending: m.isPending };
}

const errorAlert = (error: string | null) =>
  error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="resp-form-error" />;

function NewItemModal(props: { dialog: { orgId: string; own: boolean } | null; year: number; onClose(): void; onDone(): void }) {
  type V = { category: string; content: string; measures?: string; dueDate?: Dayjs };
  const d = props.dialog;
  const { form, error, run, pending } = useDialogForm<V>(
    !!d,
    ['category', 'content', 'measures', 'dueDate'],
    (v) =>
      createResponsibility({
        orgId: d!.orgId,
        year: props.year,
        category: v.category.trim(),
        content: v.content.trim(),
        measures: v.measures?.trim() || undefined,
        dueDate: v.dueDate?.format('YYYY-MM-DD'),
      }),
    props.onDone,
    '已新增',
  );
  return (
    <Modal
      open={!!d}
      title={d?.own ? '新增本支部事项' : '新增责任清单条目'}
      okText="保存"
      cancelText="取消"
      confirmLoading={pending}
      onOk={() => void run()}
      onCancel={props.onClose}
      okButtonProps={{ 'data-testid': 'resp-new-ok' } as ButtonProps}
      destroyOnHidden
    >
      {errorAlert(error)}
      <Form form={form} layout="vertical" name="resp_new" preserve={false}>
        <Form.Item
          name="category"
          label="类别"
          rules={[{ required: true, whitespace: true, message: '请填写类别' }, maxChars('类别', LIMITS.responsibilityCategory)]}
        >
          <AutoComplete
            options={CATEGORIES.map((c) => ({ value: c }))}
            placeholder="如：组织建设"
            maxLength={LIMITS.responsibilityCategory}
          />
        </Form.Item>
        <Form.Item
          name="content"
          label="责任内容"
          rules={[{ required: true, whitespace: true, message: '请填写责任内容' }, maxChars('责任内容', LIMITS.responsibilityContent)]}
        >
          <Input.TextArea rows={3} maxLength={LIMITS.responsibilityContent} />
        </Form.Item>
        {d?.own && (
          <Form.Item name="measures" label="措施" rules={[maxChars('措施', LIMITS.responsibilityMeasures)]}>
            <Input.TextArea rows={3} maxLength={LIMITS.responsibilityMeasures} />
          </Form.Item>
        )}
        <Form.Item name="dueDate" label="完成时限">
          <DatePicker style={{ width: 200 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AcknowledgeModal(props: { item: ResponsibilityItemView | null; onClose(): void; onDone(): void }) {
  type V = { measures: string; responsibleMemberId?: string };
  const item = props.item;
  const { form, error, run, pending } = useDialogForm<V>(
    !!item,
    ['measures', 'responsibleMemberId'],
    (v) => acknowledgeResponsibility(item!.id, { measures: v.measures.trim(), responsibleMemberId: v.responsibleMemberId || undefined }),
    props.onDone,
    '已领单',
  );
  return (
    <Modal
      open={!!item}
      title="领单"
      okText="领单"
      cancelText="取消"
      confirmLoading={pending}
      onOk={() => void run()}
      onCancel={props.onClose}
      okButtonProps={{ 'data-testid': 'resp-ack-ok' } as ButtonProps}
      destroyOnHidden
    >
      {errorAlert(error)}
      <Typography.Paragraph>{item?.content}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        name="resp_ack"
        preserve={false}
        initialValues={{ measures: item?.measures ?? '', responsibleMemberId: item?.responsibleMemberId ?? undefined }}
      >
        <Form.Item
          name="measures"
          label="落实措施"
          rules={[{ required: true, whitespace: true, message: '请填写落实措施' }, maxChars('落实措施', LIMITS.responsibilityMeasures)]}
        >
          <Input.TextArea rows={3} maxLength={LIMITS.responsibilityMeasures} />
        </Form.Item>
        <Form.Item name="responsibleMemberId" label="责任人">
          <MemberSearchSelect
            orgId={item?.orgId ?? null}
            testId="resp-responsible"
            initial={
              item?.responsibleMemberId && item.responsibleName ? { id: item.responsibleMemberId, name: item.responsibleName } : null
            }
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function EvaluateModal(props: { item: ResponsibilityItemView | null; onClose(): void; onDone(): void }) {
  type V = { result: ResponsibilityResult; note?: string };
  const item = props.item;
  const { form, error, run, pending } = useDialogForm<V>(
    !!item,
    ['result', 'note'],
    (v) => evaluateResponsibility(item!.id, { result: v.result, note: v.note?.trim() || undefined }),
    props.onDone,
    '已验单',
  );
  return (
    <Modal
      open={!!item}
      title={`验单：${item?.orgName ?? ''}`}
      okText="确定"
      cancelText="取消"
      confirmLoading={pending}
      onOk={() => void run()}
      onCancel={props.onClose}
      okButtonProps={{ 'data-testid': 'resp-eval-ok' } as ButtonProps}
      destroyOnHidden
    >
      {errorAlert(error)}
      <Typography.Paragraph>{item?.content}</Typography.Paragraph>
      {item?.measures && <Typography.Paragraph type="secondary">措施：{item.measures}</Typography.Paragraph>}
      <Form form={form} layout="vertical" name="resp_eval" preserve={false}>
        <Form.Item name="result" label="验单结果" rules={[{ required: true, message: '请选择验单结果' }]}>
          <Radio.Group
            options={RESPONSIBILITY_RESULTS.map((r) => ({ value: r, label: RESPONSIBILITY_RESULT_LABELS[r] }))}
            data-testid="resp-result"
          />
        </Form.Item>
        <Form.Item name="note" label="说明" rules={[maxChars('说明', LIMITS.responsibilityMeasures)]}>
          <Input.TextArea rows={2} maxLength={LIMITS.responsibilityMeasures} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
