/** The roster table: one page of members, masked unless revealed. */
import { GENDER_LABELS, MEMBER_EXIT_LABELS, MEMBER_STATUS_LABELS, type MemberSummary } from '@djzy/shared';
import { Button, Table, Tag } from 'antd';
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
    { title: '姓名', dataIndex: 'name', width: 100 },
    {
      title: '性别',
      dataIndex: 'gender',
      width: 60,
      render: (g: MemberSummary['gender']) => (g ? GENDER_LABELS[g] : '—'),
    },
    { title: '所在组织', dataIndex: 'orgName', width: 180, ellipsis: true },
    {
      title: '人员类别',
      dataIndex: 'status',
      width: 150,
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
      width: 130,
      render: (v: string | null) => <span data-testid="member-phone">{v ?? '—'}</span>,
    },
    {
      title: '身份证号',
      dataIndex: 'idCard',
      width: 190,
      render: (v: string | null) => <span data-testid="member-idcard">{v ?? '—'}</span>,
    },
    {
      title: '入党日期',
      dataIndex: 'joinedAt',
      width: 110,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: '流动党员',
      dataIndex: 'isMobile',
      width: 90,
      render: (v: boolean) => (v ? <Tag color="orange">是</Tag> : '否'),
    },
    {
      title: '操作',
      key: 'actions',
      width: 80,
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
      scroll={{ x: 'max-content' }}
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
