/**
 * 学习完成情况: for a township (or the county), every branch under it — how many of its members
 * have done all the required materials and how many have not — opening on the caller's own top org;
 * 查看 (or picking a branch) drills down to the branch: its members × the required materials that
 * apply to it, each cell done (✓) or not done (—), with how many members have done each material.
 * Done or not done is all it shows: reading time decides completion and is never a figure here
 * (减负, no 指尖上的形式主义), and branches are listed in tree order, never ranked.
 */
import { type OrgNode, type StudyBranchCompletion, type StudyCompletionResponse } from '@djzy/shared';
import { Button, Card, Empty, Space, Spin, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useBranchCompletion, useCompletion } from '../../api/study';
import { doneColumns } from './doneColumns';
import { OrgTreeSelect, flattenOrgs } from '../../components/OrgTreeSelect';
import { useOrgs } from '../../hooks/useOrgs';

type Row = StudyCompletionResponse['members'][number];

/** The completion screen. */
export function CompletionPage() {
  const orgs = useOrgs();
  const [picked, setPicked] = useState<string | null>(null);
  const byId = useMemo(() => new Map(flattenOrgs(orgs ?? []).map((o) => [o.id, o] as [string, OrgNode])), [orgs]);
  // Until one is picked, the caller's own top org (a township's, the county's): no empty screen.
  const orgId = picked ?? orgs?.[0]?.id ?? null;
  const org = orgId ? byId.get(orgId) : undefined;
  const isBranch = !!org && (org.kind === 'branch' || org.kind === 'group');
  const parentOf = org?.parentId ? byId.get(org.parentId) : undefined;
  const setOrgId = setPicked;

  const completion = useCompletion(isBranch ? orgId : null);
  const overview = useBranchCompletion(org && !isBranch ? org.id : null);
  const data = completion.data ?? null;
  const loading = completion.isFetching;

  const doneCount = (materialId: string) => data?.members.filter((m) => m.done.includes(materialId)).length ?? 0;

  const columns: ColumnsType<Row> = [
    { title: '党员', dataIndex: 'name', width: 110, fixed: 'left' },
    ...doneColumns<Row>(data?.materials ?? [], {
      width: 180,
      headerTestId: (id) => `completion-material-${id}`,
      cellTestId: (m, id) => `cell-${m}-${id}`,
    }),
    {
      title: '已完成',
      key: 'count',
      width: 90,
      align: 'center',
      render: (_, r) => (
        <span data-testid={`member-done-${r.memberId}`}>
          {r.done.length}/{data?.materials.length ?? 0}
        </span>
      ),
    },
  ];

  return (
    <Card size="small" title="学习完成情况">
      <Space wrap style={{ marginBottom: 12 }}>
        {orgs === null ? <Spin size="small" /> : <OrgTreeSelect orgs={orgs} value={orgId} onChange={setOrgId} testId="completion-org" />}
        {isBranch && parentOf && (
          <Button
            size="small"
            onClick={() => setOrgId(parentOf.kind === 'group' || parentOf.kind === 'branch' ? null : parentOf.id)}
            data-testid="completion-up"
          >
            返回{parentOf.name}
          </Button>
        )}
        <Typography.Text type="secondary">
          {isBranch
            ? '该支部每名党员必学资料的完成情况（✓ 已完成，— 未完成）。'
            : '各党支部党员完成全部必学资料的情况；点“查看”看到每名党员。'}
        </Typography.Text>
      </Space>
      {!orgId ? (
        <Empty description="请选择一个组织" />
      ) : !isBranch ? (
        <BranchOverview rows={overview.data?.branches ?? null} loading={overview.isFetching} onOpen={setOrgId} />
      ) : loading || !data ? (
        <Spin style={{ display: 'block', marginTop: 40 }} />
      ) : !data.materials.length ? (
        <Empty description="该支部目前没有必学资料" data-testid="completion-no-materials" />
      ) : (
        <Table<Row>
          rowKey="memberId"
          size="middle"
          columns={columns}
          dataSource={data.members}
          data-testid="completion-table"
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 50, showTotal: (t) => `共 ${t} 人`, hideOnSinglePage: false }}
          summary={() => (
            <Table.Summary fixed>
              <Table.Summary.Row data-testid="completion-summary">
                <Table.Summary.Cell index={0}>
                  <Typography.Text strong>完成人数</Typography.Text>
                </Table.Summary.Cell>
                {data.materials.map((mat, i) => (
                  <Table.Summary.Cell key={mat.id} index={i + 1} align="center">
                    <span data-testid={`material-done-${mat.id}`}>
                      {doneCount(mat.id)}/{data.members.length}
                    </span>
                  </Table.Summary.Cell>
                ))}
                <Table.Summary.Cell index={data.materials.length + 1} />
              </Table.Summary.Row>
            </Table.Summary>
          )}
        />
      )}
    </Card>
  );
}

/** Every branch under the chosen org: members who have done all, and those who have not. */
function BranchOverview(props: { rows: StudyBranchCompletion[] | null; loading: boolean; onOpen(orgId: string): void }) {
  if (!props.rows) return <Spin style={{ display: 'block', marginTop: 40 }} />;
  if (!props.rows.length) return <Empty description="该组织下没有党支部" />;
  const columns: ColumnsType<StudyBranchCompletion> = [
    {
      title: '党支部',
      dataIndex: 'orgName',
      ellipsis: true,
      render: (name: string, r) => (
        <span>
          {name}
          {r.parentName && (
            <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
              {r.parentName}
            </Typography.Text>
          )}
        </span>
      ),
    },
    { title: '必学资料', dataIndex: 'materials', width: 100, align: 'center', render: (n: number) => `${n} 份` },
    { title: '党员', dataIndex: 'members', width: 90, align: 'center', render: (n: number) => `${n} 人` },
    {
      title: '已全部完成',
      key: 'done',
      width: 120,
      align: 'center',
      render: (_, r) => <span data-testid={`branch-done-${r.orgId}`}>{r.materials ? `${r.membersDone} 人` : '—'}</span>,
    },
    {
      title: '未全部完成',
      key: 'notDone',
      width: 120,
      align: 'center',
      render: (_, r) =>
        !r.materials ? (
          <Typography.Text type="secondary">无必学资料</Typography.Text>
        ) : r.members - r.membersDone > 0 ? (
          <Tag color="orange" data-testid={`branch-not-done-${r.orgId}`}>
            {r.members - r.membersDone} 人
          </Tag>
        ) : (
          <Tag color="green" data-testid={`branch-not-done-${r.orgId}`}>
            0 人
          </Tag>
        ),
    },
    {
      title: '操作',
      key: 'open',
      width: 80,
      render: (_, r) => (
        <Button type="link" size="small" onClick={() => props.onOpen(r.orgId)} data-testid={`branch-open-${r.orgId}`}>
          查看
        </Button>
      ),
    },
  ];
  return (
    <Table<StudyBranchCompletion>
      rowKey="orgId"
      size="middle"
      columns={columns}
      dataSource={props.rows}
      loading={props.loading}
      data-testid="completion-branches"
      pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 个党支部` }}
    />
  );
}
