/**
 * The roster table: one page of members, masked unless revealed. Sized for a township office's
 * 1366 × 768 screen (issue #20): the columns fit beside the org tree without scrolling — 所在组织
 * is cut with its full name on hover, 入党日期 and 学历 stay in the member's drawer — and 编辑 is
 * fixed on the right only where the screen is narrower still.
 */
import { GENDER_LABELS, MEMBER_EXIT_LABELS, MEMBER_STATUS_LABELS, type MemberSummary } from '@djzy/shared';
import { Button, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';

/** Props of MemberTable: the page shown, paging and the edit action. */
export interface MemberTableProps {
  items: MemberSummary[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  onPageChange(page: number, pageSize: number): void;
  onEdit(member: MemberSummary): void;
}

/** A server-paged table of members. */
export function MemberTable(props: MemberTableProps) {
  const columns: ColumnsType<MemberSummary> = [
    { title: '姓名', dataIndex: 'name', width: 86, ellipsis: { showTitle: true } },
    {
      title: '性别',
      dataIndex: 'gender',
      width: 56,
      render: (g: MemberSummary['gender']) => (g ? GENDER_LABELS[g] : '—'),
    },
    {
      title: '所在组织',
      dataIndex: 'orgName',
      ellipsis: { showTitle: false },
      render: (v: string) => (
        <Tooltip title={v} placement="topLeft">
          {v}
        </Tooltip>
      ),
    },
    {
      title: '人员类别',
      dataIndex: 'status',
      width: 90,
      // Left the org but kept as the record (the server's `exit`): tagged, never hidden.
      render: (s: MemberSummary['status'], m) => (
        <span data-testid={`member-status-${m.id}`}>
          {MEMBER_STATUS_LABELS[s] ?? s}
          {m.exit && m.exit !== 'disqualified' && (
            <Tag color={m.exit === 'in_transit' ? 'blue' : 'default'} style={{ marginLeft: 4 }}>
              {MEMBER_EXIT_LABELS[m.exit]}
            </Tag>
          )}
        </span>
      ),
    },
    {
      title: '手机号',
      dataIndex: 'phone',
      width: 118,
      render: (v: string | null) => <span data-testid="member-phone">{v ?? '—'}</span>,
    },
    {
      title: '身份证号',
      dataIndex: 'idCard',
      width: 172,
      render: (v: string | null) => <span data-testid="member-idcard">{v ?? '—'}</span>,
    },
    {
      title: '流动',
      dataIndex: 'isMobile',
      width: 56,
      render: (v: boolean) => (v ? <Tag color="orange">是</Tag> : '否'),
    },
    {
      title: '操作',
      key: 'actions',
      width: 64,
      fixed: 'right',
      render: (_: unknown, m) => (
        <Button type="link" size="small" onClick={() => props.onEdit(m)}>
          编辑
        </Button>
      ),
    },
  ];
  return (
    <Table<MemberSummary>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={props.items}
      loading={props.loading}
      data-testid="member-table"
      tableLayout="fixed"
      // The fixed widths and ~120 px for 所在组织: below that the table scrolls under 编辑.
      scroll={{ x: 760 }}
      pagination={{
        current: props.page,
        pageSize: props.pageSize,
        total: props.total,
        showSizeChanger: true,
        showTotal: (t) => `共 ${t} 人`,
        onChange: props.onPageChange,
      }}
    />
  );
}
