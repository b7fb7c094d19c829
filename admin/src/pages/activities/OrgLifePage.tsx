/**
 * 组织生活落实情况: for an org and a year, one row per branch and one column per required kind
 * (支委会, 党小组会, 主题党日 …), each period a tag — green held, red missed, grey still running —
 * and the branch's number of misses. Admins adjust a branch's plan (frequencies) in a dialog.
 */
import { SettingOutlined } from '@ant-design/icons';
import {
  ACTIVITY_KIND_LABELS,
  ApiError,
  DEFAULT_ORG_LIFE_PLAN,
  ORG_LIFE_CYCLE_LABELS,
  ORG_LIFE_KINDS,
  type OrgLifeBranchRow,
  type OrgLifeCell,
  type OrgLifeCycle,
  type OrgLifeKind,
} from '@djzy/shared';
import { Alert, App, Button, Card, DatePicker, Form, Modal, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { hasRole, useSession } from '../../auth/session';
import { followupKeys, updateOrgLifePlan, useOrgLifeFrequency } from '../../api/followup';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useOrgs } from '../../hooks/useOrgs';

const CYCLES: OrgLifeCycle[] = ['month', 'quarter', 'year'];

/** The cycle a period key belongs to: 2026 (year), 2026-Q4 (quarter), 2026-11 (month). */
function cycleOf(period: string): OrgLifeCycle {
  return /-Q\d$/.test(period) ? 'quarter' : /^\d{4}$/.test(period) ? 'year' : 'month';
}

/** The plan a branch is measured against, read back from its cells (the default where it has none). */
function planOf(row: OrgLifeBranchRow): Record<OrgLifeKind, OrgLifeCycle> {
  const plan = { ...DEFAULT_ORG_LIFE_PLAN };
  for (const kind of ORG_LIFE_KINDS) {
    const cell = row.cells.find((c) => c.kind === kind);
    if (cell) plan[kind] = cycleOf(cell.period);
  }
  return plan;
}

/** The short label of a period inside its year: 11月, 第4季度, 全年. */
function periodShort(period: string): string {
  const cycle = cycleOf(period);
  if (cycle === 'year') return '全年';
  if (cycle === 'quarter') return `Q${period.slice(-1)}`;
  return `${Number(period.slice(5))}月`;
}

function cellState(c: OrgLifeCell): 'held' | 'missed' | 'current' | 'pending' {
  if (c.held >= c.required) return 'held';
  if (c.missed) return 'missed';
  return c.current ? 'current' : 'pending';
}
const STATE_COLORS = { held: 'green', missed: 'red', current: 'default', pending: 'default' } as const;
const STATE_WORDS = { held: '已开展', missed: '未开展', current: '进行中', pending: '未到期' } as const;

function CellTags(props: { cells: OrgLifeCell[] }) {
  if (!props.cells.length) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={[2, 4]} wrap>
      {props.cells.map((c) => {
        const state = cellState(c);
        return (
          // A plain title rather than a Tooltip: a county's table has thousands of these tags.
          <Tag
            key={c.period}
            title={`${c.period} ${STATE_WORDS[state]}（开展 ${c.held} 次，应开展 ${c.required} 次）`}
            color={STATE_COLORS[state]}
            // Compact: twelve months fit a 1366 × 768 screen's column in three short rows.
            style={{ marginInlineEnd: 0, paddingInline: 3, fontSize: 12 }}
            data-testid={`cell-${c.kind}-${c.period}`}
            data-state={state}
          >
            {periodShort(c.period)}
          </Tag>
        );
      })}
    </Space>
  );
}

/** The org-life frequency screen. */
export function OrgLifePage() {
  const orgs = useOrgs();
  const { user } = useSession();
  const isAdmin = hasRole(user, 'admin');
  const [orgId, setOrgId] = useState<string | null>(null);
  const [year, setYear] = useState(() => dayjs().year());
  const frequency = useOrgLifeFrequency(orgId, year);
  const data = frequency.data ?? null;
  const [planning, setPlanning] = useState<OrgLifeBranchRow | null>(null);

  const columns: ColumnsType<OrgLifeBranchRow> = [
    // Sized for 1366 × 768 (issue #20): the branch, the monthly and quarterly meetings and 未落实 in
    // view at once; only the yearly ones (组织生活会, 民主评议) need the table scrolled.
    { title: '党支部', dataIndex: 'orgName', width: 140, fixed: 'left', ellipsis: true },
    ...ORG_LIFE_KINDS.map((kind) => ({
      title: (
        <span>
          {ACTIVITY_KIND_LABELS[kind]}
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
            默认{ORG_LIFE_CYCLE_LABELS[DEFAULT_ORG_LIFE_PLAN[kind]]}
          </Typography.Text>
        </span>
      ),
      key: kind,
      width: DEFAULT_ORG_LIFE_PLAN[kind] === 'month' ? 176 : DEFAULT_ORG_LIFE_PLAN[kind] === 'quarter' ? 128 : 96,
      render: (_: unknown, row: OrgLifeBranchRow) => <CellTags cells={row.cells.filter((c) => c.kind === kind)} />,
    })),
    {
      title: '未落实',
      dataIndex: 'missedCount',
      width: 76,
      fixed: 'right',
      sorter: (a, b) => a.missedCount - b.missedCount,
      render: (n: number) => (
        <Typography.Text type={n ? 'danger' : 'success'} strong data-testid="missed-total">
          {n} 项
        </Typography.Text>
      ),
    },
    ...(isAdmin
      ? [
          {
            title: '计划',
            key: 'plan',
            width: 76,
            fixed: 'right' as const,
            render: (_: unknown, row: OrgLifeBranchRow) => (
              <Button size="small" icon={<SettingOutlined />} onClick={() => setPlanning(row)} data-testid={`plan-edit-${row.orgId}`}>
                调整
              </Button>
            ),
          },
        ]
      : []),
  ];

  const withMisses = data?.branches.filter((b) => b.missedCount > 0).length ?? 0;

  return (
    <Card size="small" title="组织生活落实情况">
      <Space wrap style={{ marginBottom: 12 }}>
        {orgs === null ? <Spin size="small" /> : <OrgTreeSelect orgs={orgs} value={orgId} onChange={setOrgId} testId="orglife-org" />}
        {orgId && (
          <Button size="small" type="link" onClick={() => setOrgId(null)}>
            全部组织
          </Button>
        )}
        <DatePicker
          picker="year"
          allowClear={false}
          value={dayjs().year(year)}
          format="YYYY年"
          onChange={(d) => d && setYear(d.year())}
          disabledDate={(d) => d.year() > dayjs().year()}
          data-testid="orglife-year"
        />
        <Space size={4}>
          <Tag color="green">已开展</Tag>
          <Tag color="red">未开展</Tag>
          <Tag>进行中</Tag>
        </Space>
      </Space>
      {data && (
        <Alert
          type={withMisses ? 'warning' : 'success'}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="orglife-summary"
          title={
            withMisses
              ? `${data.year} 年共 ${data.branches.length} 个党支部，其中 ${withMisses} 个有未按要求开展的组织生活`
              : `${data.year} 年 ${data.branches.length} 个党支部均按要求开展组织生活`
          }
        />
      )}
      <Table<OrgLifeBranchRow>
        rowKey="orgId"
        size="small"
        bordered
        columns={columns}
        dataSource={data?.branches ?? []}
        loading={frequency.isFetching}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        data-testid="orglife-table"
      />
      <PlanModal row={planning} onClose={() => setPlanning(null)} onSaved={() => setPlanning(null)} />
    </Card>
  );
}

/** 调整组织生活计划 of one branch (admins). */
function PlanModal(props: { row: OrgLifeBranchRow | null; onClose(): void; onSaved(): void }) {
  const { row } = props;
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<OrgLifeKind, OrgLifeCycle>>();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (a: { orgId: string; plan: Record<OrgLifeKind, OrgLifeCycle> }) => updateOrgLifePlan(a.orgId, a.plan),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: followupKeys.frequency }),
  });
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!row) return;
    setError(null);
    form.setFieldsValue(planOf(row));
  }, [row, form]);

  const run = async () => {
    if (!row) return;
    const plan = await form.validateFields().catch(() => null);
    if (!plan) return;
    setError(null);
    try {
      await save.mutateAsync({ orgId: row.orgId, plan });
      message.success(`已调整${row.orgName}的组织生活计划`);
      props.onSaved();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '保存失败，请重试');
    }
  };

  return (
    <Modal
      open={!!row}
      title={`组织生活计划 · ${row?.orgName ?? ''}`}
      okText="保存"
      cancelText="取消"
      confirmLoading={save.isPending}
      onOk={() => void run()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        按党内规定，支委会、党小组会、主题党日每月一次，党员大会、党课每季度一次，组织生活会、民主评议每年一次；确有需要时可按支部调整。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="plan-error" />}
      <Form form={form} layout="horizontal" labelCol={{ span: 8 }} wrapperCol={{ span: 12 }}>
        {ORG_LIFE_KINDS.map((kind) => (
          <Form.Item key={kind} name={kind} label={ACTIVITY_KIND_LABELS[kind]} rules={[{ required: true }]}>
            <Select data-testid={`plan-${kind}`} options={CYCLES.map((c) => ({ value: c, label: ORG_LIFE_CYCLE_LABELS[c] }))} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
