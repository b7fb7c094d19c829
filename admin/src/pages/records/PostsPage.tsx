/**
 * 村级岗位: per branch, who holds 支部书记, 团支部书记 and 妇联主席 (and the 支部委员); 任命 and
 * 离任 with a reason (调整, 辞职, 其他), and the past holders. Managed by the township's admins.
 */
import {
  GRANT_END_REASON_LABELS,
  GRANT_END_REASONS,
  RECORD_LIMITS as L,
  ROLE_LABELS,
  type GrantEndReason,
  type OrgNode,
  type PostGrantView,
  type PostRole,
} from '@djzy/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Modal, Radio, Space, Switch, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { fieldErrorsOr } from '../../api/formErrors';
import { endPost, grantPost, usePosts } from '../../api/records';
import { maxChars } from '../../components/formRules';
import { flattenOrgs } from '../../components/OrgTreeSelect';
import { MemberSearchSelect } from '../../components/MemberSearchSelect';
import { RecordToolbar, useRecordScope } from './common';

const SHOWN: PostRole[] = ['branch_secretary', 'youth_league_secretary', 'women_federation_chair', 'branch_committee'];

/** The branches at or under an org of the tree. */
function branchesUnder(orgs: OrgNode[], orgId: string | null): OrgNode[] {
  const node = flattenOrgs(orgs).find((o) => o.id === orgId);
  // Without their groups: the table would show them as expandable child rows.
  return node
    ? flattenOrgs([node])
        .filter((o) => o.kind === 'branch')
        .map((o) => ({ ...o, children: [] }))
    : [];
}

export function PostsPage() {
  const s = useRecordScope();
  const queryClient = useQueryClient();
  const [history, setHistory] = useState(false);
  const posts = usePosts(s.orgId ? { orgId: s.orgId, includeEnded: true } : null);
  const [granting, setGranting] = useState<{ branch: OrgNode; role: PostRole } | null>(null);
  const [ending, setEnding] = useState<PostGrantView | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['role-grants'] });
  const branches = useMemo(() => branchesUnder(s.orgs ?? [], s.orgId), [s.orgs, s.orgId]);
  const all = posts.data ?? [];
  const live = all.filter((g) => !g.endedAt);

  const cell = (branch: OrgNode, role: PostRole) => {
    const holders = live.filter((g) => g.orgId === branch.id && g.role === role);
    return (
      <Space size={4} wrap>
        {holders.map((g) => (
          <Tag key={g.id} data-testid={`post-${role}-${branch.id}`}>
            {g.memberName}
            <a style={{ marginInlineStart: 6 }} onClick={() => setEnding(g)} data-testid={`post-end-${g.id}`}>
              离任
            </a>
          </Tag>
        ))}
        {(role === 'branch_committee' || !holders.length) && (
          <Button size="small" type="link" onClick={() => setGranting({ branch, role })} data-testid={`post-grant-${role}-${branch.id}`}>
            任命
          </Button>
        )}
      </Space>
    );
  };
  const columns: ColumnsType<OrgNode> = [
    { title: '党支部', dataIndex: 'name', width: 160 },
    ...SHOWN.map((role) => ({ title: ROLE_LABELS[role], key: role, render: (_: unknown, b: OrgNode) => cell(b, role) })),
  ];
  const filledBoth = branches.filter((b) =>
    ['youth_league_secretary', 'women_federation_chair'].every((r) => live.some((g) => g.orgId === b.id && g.role === r)),
  ).length;

  return (
    <Card size="small" title="村级岗位">
      <RecordToolbar scope={s} prefix="posts" noYear>
        <span data-testid="posts-summary">
          团支部书记和妇联主席均已配齐 {filledBoth} / {branches.length} 个支部
        </span>
        <Switch checked={history} onChange={setHistory} data-testid="posts-history" /> 显示离任记录
      </RecordToolbar>
      <Table<OrgNode>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={branches}
        expandable={{ childrenColumnName: 'none' }}
        loading={posts.isFetching}
        pagination={false}
        locale={{ emptyText: '该组织下没有党支部' }}
        data-testid="posts-table"
      />
      {history && <HistoryTable grants={all.filter((g) => g.endedAt)} />}
      {granting && <GrantModal {...granting} onClose={() => setGranting(null)} onSaved={() => (setGranting(null), refresh())} />}
      {ending && <EndModal grant={ending} onClose={() => setEnding(null)} onSaved={() => (setEnding(null), refresh())} />}
    </Card>
  );
}

function HistoryTable(props: { grants: PostGrantView[] }) {
  const columns: ColumnsType<PostGrantView> = [
    { title: '党支部', dataIndex: 'orgName', width: 140 },
    { title: '岗位', dataIndex: 'role', width: 110, render: (r: PostRole) => ROLE_LABELS[r] },
    { title: '姓名', dataIndex: 'memberName', width: 100 },
    { title: '任职', dataIndex: 'grantedAt', width: 120, render: (t: string) => t.slice(0, 10) },
    { title: '离任', dataIndex: 'endedAt', width: 120, render: (t: string) => t.slice(0, 10) },
    { title: '原因', dataIndex: 'endReason', width: 80, render: (r: GrantEndReason | null) => (r ? GRANT_END_REASON_LABELS[r] : '—') },
    { title: '说明', dataIndex: 'endNote', ellipsis: true },
  ];
  return (
    <Table<PostGrantView>
      style={{ marginTop: 16 }}
      title={() => '离任记录'}
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={props.grants}
      pagination={false}
      locale={{ emptyText: '暂无离任记录' }}
      data-testid="posts-history-table"
    />
  );
}

function GrantModal(props: { branch: OrgNode; role: PostRole; onClose(): void; onSaved(): void }) {
  const [form] = Form.useForm<{ memberId: string }>();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({ mutationFn: (memberId: string) => grantPost({ orgId: props.branch.id, memberId, role: props.role }) });
  const submit = async (v: { memberId: string }) => {
    setError(null);
    try {
      await save.mutateAsync(v.memberId);
      props.onSaved();
    } catch (e) {
      setError(fieldErrorsOr(form, e, '任命失败，请重试', (f) => (f === 'memberId' ? ['memberId'] : null)));
    }
  };
  return (
    <Modal
      title={`任命${props.branch.name}${ROLE_LABELS[props.role]}`}
      open
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText="任命"
      cancelText="取消"
      confirmLoading={save.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'post-grant-save' } as never}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="post-grant-error" />}
      <Form form={form} layout="vertical" name="grant" onFinish={(v) => void submit(v)}>
        <Form.Item name="memberId" label="党员（本支部）" rules={[{ required: true, message: '请选择党员' }]}>
          <MemberSearchSelect orgId={props.branch.id} testId="post-grant-member" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function EndModal(props: { grant: PostGrantView; onClose(): void; onSaved(): void }) {
  const [form] = Form.useForm<{ reason: GrantEndReason; note?: string }>();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: { reason: GrantEndReason; note?: string }) =>
      endPost(props.grant.id, { reason: v.reason, note: v.note?.trim() || undefined }),
  });
  const submit = async (v: { reason: GrantEndReason; note?: string }) => {
    setError(null);
    try {
      await save.mutateAsync(v);
      props.onSaved();
    } catch (e) {
      setError(fieldErrorsOr(form, e, '办理失败，请重试', (f) => (f === 'reason' || f === 'note' ? [f] : null)));
    }
  };
  const g = props.grant;
  return (
    <Modal
      title={`${g.memberName}（${g.orgName}${ROLE_LABELS[g.role]}）离任`}
      open
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText="确认离任"
      cancelText="取消"
      confirmLoading={save.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'post-end-save' } as never}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" name="end" onFinish={(v) => void submit(v)}>
        <Form.Item name="reason" label="离任原因" rules={[{ required: true, message: '请选择离任原因' }]}>
          <Radio.Group
            data-testid="post-end-reason"
            options={GRANT_END_REASONS.map((r) => ({ value: r, label: GRANT_END_REASON_LABELS[r] }))}
          />
        </Form.Item>
        <Form.Item name="note" label="说明" rules={[maxChars('说明', L.endNote)]}>
          <Input.TextArea rows={2} maxLength={L.endNote} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
