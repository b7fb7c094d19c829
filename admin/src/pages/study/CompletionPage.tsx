/**
 * 学习完成情况: for one branch, its members × the required materials that apply to it, each cell
 * done (✓) or not done (—), with how many members have done each material. Done or not done is
 * all it shows: reading time decides completion and is never a figure here (减负, no 指尖上的形式主义).
 */
import { type OrgNode, type StudyCompletionResponse } from '@djzy/shared';
import { Alert, Card, Empty, Space, Spin, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useCompletion } from '../../api/study';
import { doneColumns } from './doneColumns';
import { OrgTreeSelect, flattenOrgs } from '../../components/OrgTreeSelect';
import { useOrgs } from '../../hooks/useOrgs';

type Row = StudyCompletionResponse['members'][number];

/** The completion screen. */
export function CompletionPage() {
  const orgs = useOrgs();
  const [orgId, setOrgId] = useState<string | null>(null);
  const byId = useMemo(() => new Map(flattenOrgs(orgs ?? []).map((o) => [o.id, o] as [string, OrgNode])), [orgs]);
  const org = orgId ? byId.get(orgId) : undefined;
  const isBranch = !!org && (org.kind === 'branch' || org.kind === 'group');

  const completion = useCompletion(isBranch ? orgId : null);
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
        <Typography.Text type="secondary">按党支部查看必学资料的完成情况（✓ 已完成，— 未完成）。</Typography.Text>
      </Space>
      {!orgId ? (
        <Empty description="请选择一个党支部" />
      ) : !isBranch ? (
        <Alert type="info" showIcon title="学习完成情况按党支部查看，请在上方选择一个党支部。" data-testid="completion-pick-branch" />
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
