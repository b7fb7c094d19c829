/**
 * 组织关系转接: the transfers of an org's subtree — 转出 (from it), 转入 (to it, within the
 * deployment), 在途 (letters issued, not received: in neither org's 应到), 外部转入 (letters from an
 * org outside the deployment) — flagged 即将到期 (≤ 7 days) and 已过期, with the moves the server
 * allows on each row (审批, 开具介绍信, 接收, 撤销), 申请转出, 登记转入 and 到期提醒 (the WeChat reminder,
 * once per letter). We mirror the 全国党员管理信息系统; it stays the authority.
 */
import { PlusOutlined } from '@ant-design/icons';
import {
  GENDER_LABELS,
  INCOMING_STATUS_LABELS,
  TRANSFER_KIND_LABELS,
  TRANSFER_KINDS,
  TRANSFER_STATUS_LABELS,
  type IncomingTransferView,
  type OrgNode,
  type TransferKind,
  type TransferMove,
  type TransferView,
} from '@djzy/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Form, Input, Select, Space, Table, Tabs, Tag, message } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { fieldErrorsOr } from '../../api/formErrors';
import {
  createTransfer,
  issueTransfer,
  moveIncoming,
  moveTransfer,
  registerIncoming,
  remindTransfers,
  useIncomingTransfers,
  useTransfers,
} from '../../api/transfers';
import { FormDrawer } from '../../components/FormDrawer';
import { MemberSearchSelect } from '../../components/MemberSearchSelect';
import { OrgTreeSelect, flattenOrgs } from '../../components/OrgTreeSelect';
import { useOrgChoice } from '../../hooks/useOrgs';

const MOVE_LABELS: Record<TransferMove, string> = { approve: '审批', issue: '开具介绍信', receive: '接收', cancel: '撤销' };
const day = (d: Dayjs) => d.format('YYYY-MM-DD');

function findOrg(nodes: OrgNode[], id: string | null): OrgNode | null {
  return flattenOrgs(nodes).find((o) => o.id === id) ?? null;
}

function Flags(props: { expiresSoon: boolean; expired: boolean }) {
  return (
    <>
      {props.expiresSoon && <Tag color="orange">即将到期</Tag>}
      {props.expired && <Tag color="red">已过期</Tag>}
    </>
  );
}

/** Whether the caller may make the move: the server says so on the view (`can*`); the page never decides. */
function mayMake(t: TransferView, m: TransferMove): boolean {
  return { approve: t.canApprove, issue: t.canIssue, receive: t.canReceive, cancel: t.canCancel }[m];
}

type Tab = 'out' | 'in' | 'transit' | 'external';
type Acting = { t: TransferView; move: TransferMove } | { incoming: IncomingTransferView; move: 'receive' | 'cancel' };

export function TransfersPage() {
  const { orgs, orgId, setOrgId } = useOrgChoice();
  const [tab, setTab] = useState<Tab>('out');
  const queryClient = useQueryClient();
  const list = useTransfers(orgId ? { orgId } : null);
  const incoming = useIncomingTransfers(orgId ? { orgId } : null);
  const [creating, setCreating] = useState(0);
  const [registering, setRegistering] = useState(0);
  const [acting, setActing] = useState<Acting | null>(null);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['transfers'] });
    void queryClient.invalidateQueries({ queryKey: ['incoming-transfers'] });
  };
  const remind = useMutation({ mutationFn: remindTransfers });
  const subtree = useMemo(() => {
    const org = orgs && findOrg(orgs, orgId);
    return new Set(org ? flattenOrgs([org]).map((o) => o.id) : []);
  }, [orgs, orgId]);
  const all = list.data ?? [];
  const rows =
    tab === 'out'
      ? all.filter((t) => subtree.has(t.fromOrgId))
      : tab === 'in'
        ? all.filter((t) => t.toOrgId && subtree.has(t.toOrgId))
        : all.filter((t) => t.status === 'issued');

  const columns: ColumnsType<TransferView> = [
    { title: '姓名', dataIndex: 'memberName', width: 90 },
    { title: '转出组织', dataIndex: 'fromOrgName', width: 130, ellipsis: true },
    { title: '接收组织', dataIndex: 'toOrgName', width: 160, ellipsis: true },
    { title: '类型', dataIndex: 'kind', width: 150, render: (k: TransferKind) => TRANSFER_KIND_LABELS[k] },
    { title: '申请日期', dataIndex: 'requestedOn', width: 100 },
    { title: '有效期至', key: 'validUntil', width: 110, render: (_, t) => t.validUntil ?? '—' },
    {
      title: '状态',
      key: 'status',
      width: 190,
      render: (_, t) => (
        <span data-testid={`transfer-status-${t.id}`}>
          <Tag color={t.status === 'issued' ? 'blue' : t.status === 'received' ? 'green' : undefined}>
            {TRANSFER_STATUS_LABELS[t.status]}
          </Tag>
          <Flags expiresSoon={t.expiresSoon} expired={t.expired} />
          {t.remindedOn && <Tag>已提醒 {t.remindedOn.slice(5)}</Tag>}
        </span>
      ),
    },
    {
      title: '操作',
      key: 'op',
      width: 170,
      render: (_, t) => (
        <Space size={0}>
          {t.allowedMoves
            .filter((m) => mayMake(t, m))
            .map((m) => (
              <Button
                key={m}
                type="link"
                size="small"
                danger={m === 'cancel'}
                onClick={() => setActing({ t, move: m })}
                data-testid={`transfer-${m}-${t.id}`}
              >
                {MOVE_LABELS[m]}
              </Button>
            ))}
        </Space>
      ),
    },
  ];

  const incomingColumns: ColumnsType<IncomingTransferView> = [
    { title: '姓名', dataIndex: 'name', width: 90 },
    { title: '身份证号', dataIndex: 'idCardMasked', width: 170 },
    { title: '转出党组织', dataIndex: 'fromOrgName', ellipsis: true },
    { title: '介绍信编号', dataIndex: 'letterNo', width: 150, ellipsis: true },
    { title: '接收支部', dataIndex: 'toOrgName', width: 120 },
    { title: '有效期至', dataIndex: 'validUntil', width: 100 },
    { title: '党费交至', dataIndex: 'duesPaidThrough', width: 90 },
    {
      title: '状态',
      key: 'status',
      width: 160,
      render: (_, t) => (
        <span data-testid={`incoming-status-${t.id}`}>
          <Tag color={t.status === 'received' ? 'green' : t.status === 'registered' ? 'blue' : undefined}>
            {INCOMING_STATUS_LABELS[t.status]}
          </Tag>
          <Flags expiresSoon={t.expiresSoon} expired={t.expired} />
        </span>
      ),
    },
    {
      title: '操作',
      key: 'op',
      width: 120,
      render: (_, t) => (
        <Space size={0}>
          {t.allowedMoves.map((m) => (
            <Button
              key={m}
              type="link"
              size="small"
              danger={m === 'cancel'}
              onClick={() => setActing({ incoming: t, move: m })}
              data-testid={`incoming-${m}-${t.id}`}
            >
              {MOVE_LABELS[m]}
            </Button>
          ))}
        </Space>
      ),
    },
  ];

  const soon = all.filter((t) => t.expiresSoon).length;
  const expired = all.filter((t) => t.expired).length;
  // Letters from outside the deployment: no member to remind, so the receiving org sees them here.
  const incomingSoon = (incoming.data ?? []).filter((t) => t.expiresSoon).length;
  return (
    <Card
      size="small"
      title="组织关系转接"
      extra={
        <Space>
          <Button
            disabled={!orgId}
            loading={remind.isPending}
            data-testid="transfers-remind"
            onClick={() =>
              orgId &&
              remind.mutateAsync(orgId).then((r) => {
                void message.success(
                  r.queued ? `已向 ${r.queued} 名党员发送介绍信到期提醒` : '没有需要提醒的介绍信（到期前 7 天提醒一次）',
                );
                // Letters from outside: no member to message yet — the receiving branch is told here.
                if (r.incoming.length)
                  void message.warning(
                    `外部转入介绍信即将到期 ${r.incoming.length} 份：${r.incoming.map((x) => `${x.name}（${x.toOrgName}，${x.validUntil} 到期）`).join('、')}，请及时办理接收`,
                  );
                refresh();
              })
            }
          >
            到期提醒
          </Button>
          <Button disabled={!orgId} onClick={() => setRegistering((n) => n + 1)} data-testid="incoming-new">
            登记转入
          </Button>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={!orgId}
            onClick={() => setCreating((n) => n + 1)}
            data-testid="transfer-new"
          >
            申请转出
          </Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 8 }}>
        {orgs && <OrgTreeSelect orgs={orgs} value={orgId} onChange={setOrgId} testId="transfers-org" />}
        <span data-testid="transfers-summary">
          在途 {all.filter((t) => t.status === 'issued').length} 人，即将到期 {soon} 人，已过期 {expired} 人
          {incomingSoon > 0 && `；外部转入介绍信即将到期 ${incomingSoon} 份，请及时接收`}。在途党员不计入转出、接收组织的应到人数。
        </span>
      </Space>
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as Tab)}
        items={[
          { key: 'out', label: <span data-testid="transfers-tab-out">转出</span> },
          { key: 'in', label: <span data-testid="transfers-tab-in">转入</span> },
          { key: 'transit', label: <span data-testid="transfers-tab-transit">在途</span> },
          { key: 'external', label: <span data-testid="transfers-tab-external">外部转入</span> },
        ]}
      />
      {tab === 'external' ? (
        <Table<IncomingTransferView>
          rowKey="id"
          size="small"
          columns={incomingColumns}
          dataSource={incoming.data ?? []}
          loading={incoming.isFetching}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: '暂无转入登记' }}
          data-testid="incoming-table"
        />
      ) : (
        <Table<TransferView>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={list.isFetching}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: '暂无组织关系转接' }}
          data-testid="transfers-table"
        />
      )}
      {creating > 0 && orgId && orgs && (
        <CreateDrawer key={creating} orgId={orgId} orgs={orgs} onClose={() => setCreating(0)} onSaved={() => (setCreating(0), refresh())} />
      )}
      {registering > 0 && orgId && orgs && (
        <IncomingDrawer
          key={registering}
          orgId={orgId}
          orgs={orgs}
          onClose={() => setRegistering(0)}
          onSaved={() => (setRegistering(0), refresh())}
        />
      )}
      {acting && <StepDrawer acting={acting} onClose={() => setActing(null)} onSaved={() => (setActing(null), refresh())} />}
    </Card>
  );
}

function CreateDrawer(props: { orgId: string; orgs: OrgNode[]; onClose(): void; onSaved(): void }) {
  const [form] = Form.useForm<{
    memberId: string;
    kind: TransferKind;
    toOrgId?: string;
    toOrgName?: string;
    reason?: string;
    requestedOn: Dayjs;
  }>();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({ mutationFn: createTransfer });
  const branches = flattenOrgs(props.orgs).filter((o) => o.kind === 'branch' || o.kind === 'group');
  return (
    <FormDrawer
      title="申请转出组织关系"
      open
      onClose={props.onClose}
      onSave={() => form.submit()}
      saving={save.isPending}
      size={520}
      testId="transfer-drawer"
      saveTestId="transfer-save"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="transfer-error" />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'formal', requestedOn: dayjs() }}
        onFinish={(v) => {
          setError(null);
          save
            .mutateAsync({
              memberId: v.memberId,
              kind: v.kind,
              toOrgId: v.toOrgId || undefined,
              toOrgName: v.toOrgId ? undefined : v.toOrgName?.trim() || undefined,
              reason: v.reason?.trim() || undefined,
              requestedOn: day(v.requestedOn),
            })
            .then(props.onSaved, (e: unknown) => setError(fieldErrorsOr(form, e, '保存失败，请重试')));
        }}
      >
        <Form.Item name="memberId" label="党员" rules={[{ required: true, message: '请选择党员' }]}>
          <MemberSearchSelect orgId={props.orgId} testId="transfer-member" />
        </Form.Item>
        <Form.Item name="kind" label="转接类型">
          <Select data-testid="transfer-kind" options={TRANSFER_KINDS.map((k) => ({ value: k, label: TRANSFER_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item name="toOrgId" label="接收党支部（本系统内）">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            data-testid="transfer-to-org"
            options={branches.map((o) => ({ value: o.id, label: o.name }))}
          />
        </Form.Item>
        <Form.Item name="toOrgName" label="或：本系统外的接收党组织（按介绍信填写）">
          <Input maxLength={100} data-testid="transfer-to-name" />
        </Form.Item>
        <Form.Item name="reason" label="转接原因">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item name="requestedOn" label="申请日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

interface IncomingValues {
  toOrgId: string;
  kind: TransferKind;
  fromOrgName: string;
  letterNo: string;
  issuedOn: Dayjs;
  validUntil: Dayjs;
  name: string;
  idCard: string;
  gender?: 'male' | 'female';
  status: 'full' | 'probationary';
  joinedOn: Dayjs;
  fullOn?: Dayjs;
  duesPaidThrough: Dayjs;
  nationalSystemRef?: string;
}

function IncomingDrawer(props: { orgId: string; orgs: OrgNode[]; onClose(): void; onSaved(): void }) {
  const [form] = Form.useForm<IncomingValues>();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({ mutationFn: registerIncoming });
  const status = Form.useWatch('status', form);
  const branches = flattenOrgs(props.orgs).filter(
    (o) => (o.kind === 'branch' || o.kind === 'group') && flattenOrgs([findOrg(props.orgs, props.orgId) ?? o]).some((x) => x.id === o.id),
  );
  return (
    <FormDrawer
      title="登记转入（本系统外转入的介绍信）"
      open
      onClose={props.onClose}
      onSave={() => form.submit()}
      saving={save.isPending}
      size={560}
      testId="incoming-drawer"
      saveTestId="incoming-save"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="incoming-error" />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          kind: 'formal',
          status: 'full',
          issuedOn: dayjs(),
          validUntil: dayjs().add(30, 'day'),
          duesPaidThrough: dayjs(),
          toOrgId: branches.find((b) => b.id === props.orgId)?.id,
        }}
        onFinish={(v) => {
          setError(null);
          save
            .mutateAsync({
              toOrgId: v.toOrgId,
              kind: v.kind,
              fromOrgName: v.fromOrgName.trim(),
              letterNo: v.letterNo.trim(),
              issuedOn: day(v.issuedOn),
              validUntil: day(v.validUntil),
              name: v.name.trim(),
              idCard: v.idCard.trim(),
              gender: v.gender,
              status: v.status,
              joinedOn: day(v.joinedOn),
              fullOn: v.status === 'full' && v.fullOn ? day(v.fullOn) : undefined,
              duesPaidThrough: v.duesPaidThrough.format('YYYY-MM'),
              nationalSystemRef: v.nationalSystemRef?.trim() || undefined,
            })
            .then(props.onSaved, (e: unknown) => setError(fieldErrorsOr(form, e, '保存失败，请重试')));
        }}
      >
        <Form.Item name="toOrgId" label="接收党支部" rules={[{ required: true, message: '请选择接收的党支部' }]}>
          <Select
            showSearch
            optionFilterProp="label"
            data-testid="incoming-to-org"
            options={branches.map((o) => ({ value: o.id, label: o.name }))}
          />
        </Form.Item>
        <Space wrap>
          <Form.Item
            name="fromOrgName"
            label="转出党组织（按介绍信）"
            rules={[{ required: true, whitespace: true, message: '请填写转出党组织' }]}
          >
            <Input maxLength={100} style={{ width: 300 }} data-testid="incoming-from" />
          </Form.Item>
          <Form.Item name="letterNo" label="介绍信编号" rules={[{ required: true, whitespace: true, message: '请填写介绍信编号' }]}>
            <Input maxLength={64} style={{ width: 180 }} data-testid="incoming-letter-no" />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="kind" label="类型">
            <Select style={{ width: 200 }} options={TRANSFER_KINDS.map((k) => ({ value: k, label: TRANSFER_KIND_LABELS[k] }))} />
          </Form.Item>
          <Form.Item name="issuedOn" label="开具日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="validUntil" label="有效期至（最长 3 个月）" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker data-testid="incoming-valid-until" />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
            <Input maxLength={50} style={{ width: 140 }} data-testid="incoming-name" />
          </Form.Item>
          <Form.Item name="idCard" label="身份证号（加密保存）" rules={[{ required: true, whitespace: true, message: '请填写身份证号' }]}>
            <Input maxLength={18} style={{ width: 220 }} data-testid="incoming-id-card" />
          </Form.Item>
          <Form.Item name="gender" label="性别（不填按身份证号）">
            <Select
              allowClear
              style={{ width: 120 }}
              options={(['male', 'female'] as const).map((g) => ({ value: g, label: GENDER_LABELS[g] }))}
            />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="status" label="党员身份">
            <Select
              style={{ width: 120 }}
              data-testid="incoming-member-status"
              options={[
                { value: 'full', label: '正式党员' },
                { value: 'probationary', label: '预备党员' },
              ]}
            />
          </Form.Item>
          <Form.Item name="joinedOn" label="入党日期" rules={[{ required: true, message: '请选择入党日期' }]}>
            <DatePicker data-testid="incoming-joined-on" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          {status === 'full' && (
            <Form.Item name="fullOn" label="转正日期">
              <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          )}
          <Form.Item name="duesPaidThrough" label="党费交至" rules={[{ required: true, message: '请选择月份' }]}>
            <DatePicker picker="month" />
          </Form.Item>
        </Space>
        <Form.Item name="nationalSystemRef" label="全国党员管理信息系统编号">
          <Input maxLength={64} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

function StepDrawer(props: { acting: Acting; onClose(): void; onSaved(): void }) {
  const { acting } = props;
  const [form] = Form.useForm<{ on: Dayjs; note?: string; validUntil?: Dayjs; duesPaidThrough?: Dayjs; nationalSystemRef?: string }>();
  const [error, setError] = useState<string | null>(null);
  const issuing = acting.move === 'issue';
  const name = 't' in acting ? acting.t.memberName : acting.incoming.name;
  const save = useMutation({
    mutationFn: async (v: { on: Dayjs; note?: string; validUntil?: Dayjs; duesPaidThrough?: Dayjs; nationalSystemRef?: string }) => {
      const step = { on: day(v.on), note: v.note?.trim() || undefined };
      if ('incoming' in acting) return moveIncoming(acting.incoming.id, acting.move, step);
      if (acting.move === 'issue')
        return issueTransfer(acting.t.id, {
          on: step.on,
          validUntil: v.validUntil ? day(v.validUntil) : undefined,
          duesPaidThrough: (v.duesPaidThrough ?? dayjs()).format('YYYY-MM'),
          nationalSystemRef: v.nationalSystemRef?.trim() || undefined,
        });
      return moveTransfer(acting.t.id, acting.move, step);
    },
  });
  return (
    <FormDrawer
      title={`${MOVE_LABELS[acting.move]}：${name}`}
      open
      onClose={props.onClose}
      onSave={() => form.submit()}
      saving={save.isPending}
      size={460}
      testId="transfer-step-drawer"
      saveTestId="transfer-step-save"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="transfer-step-error" />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ on: dayjs(), validUntil: dayjs().add(30, 'day'), duesPaidThrough: dayjs() }}
        onFinish={(v) => save.mutateAsync(v).then(props.onSaved, (e: unknown) => setError(fieldErrorsOr(form, e, '保存失败，请重试')))}
      >
        <Form.Item name="on" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="transfer-step-on" />
        </Form.Item>
        {issuing && (
          <>
            <Form.Item name="validUntil" label="介绍信有效期至（默认 30 天，最长 3 个月）">
              <DatePicker data-testid="transfer-valid-until" />
            </Form.Item>
            <Form.Item name="duesPaidThrough" label="党费交至（不早于开具当月）">
              <DatePicker picker="month" data-testid="transfer-dues-through" />
            </Form.Item>
            <Form.Item name="nationalSystemRef" label="全国党员管理信息系统编号">
              <Input maxLength={64} />
            </Form.Item>
          </>
        )}
        {!issuing && (
          <Form.Item name="note" label={acting.move === 'cancel' ? '撤销原因（必填）' : '说明'}>
            <Input.TextArea rows={2} maxLength={500} data-testid="transfer-step-note" />
          </Form.Item>
        )}
      </Form>
    </FormDrawer>
  );
}
