/**
 * 完成情况 of a study plan: its members × its materials, each done (✓) or not (—), and whether the
 * member finished the plan (已完成 / 未完成), with 已完成 x / y. Done or not done is all it shows:
 * reading time decides completion and is never a figure here (减负, no 指尖上的形式主义).
 */
import { planDates, type StudyPlanCompletionResponse, type StudyPlanView } from '@djzy/shared';
import { Drawer, Empty, Segmented, Space, Spin, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import { exportPlanCompletion, usePlanCompletion } from '../../api/study';
import { ExportButton } from '../../components/ExportButton';
import { doneColumns } from './doneColumns';
import { PlanStatusTag } from './labels';

type Row = StudyPlanCompletionResponse['members'][number];
type Show = 'all' | 'done' | 'pending';

/** Props of PlanCompletionDrawer: the plan shown (null: closed). */
export interface PlanCompletionDrawerProps {
  plan: StudyPlanView | null;
  onClose(): void;
}

/** The completion of one plan in a drawer. */
export function PlanCompletionDrawer({ plan, onClose }: PlanCompletionDrawerProps) {
  const data = usePlanCompletion(plan?.id ?? null).data ?? null;
  const [show, setShow] = useState<Show>('all');

  useEffect(() => setShow('all'), [plan]);

  const rows = useMemo(
    () => (data?.members ?? []).filter((m) => show === 'all' || (show === 'done' ? m.complete : !m.complete)),
    [data, show],
  );
  const materials = data?.plan.materials ?? plan?.materials ?? [];

  const columns: ColumnsType<Row> = [
    { title: '党员', dataIndex: 'name', width: 100, fixed: 'left' },
    { title: '所在组织', dataIndex: 'orgName', width: 160, ellipsis: true },
    ...doneColumns<Row>(materials, {
      width: 160,
      headerTestId: (id) => `plan-material-${id}`,
      cellTestId: (m, id) => `plan-cell-${m}-${id}`,
    }),
    {
      title: '计划完成',
      key: 'complete',
      width: 100,
      align: 'center',
      render: (_, r) => (
        <Tag color={r.complete ? 'green' : 'default'} data-testid={`plan-member-${r.memberId}`}>
          {r.complete ? '已完成' : '未完成'}
        </Tag>
      ),
    },
  ];

  return (
    <Drawer
      title={plan ? `完成情况：${plan.title}` : '完成情况'}
      open={!!plan}
      onClose={onClose}
      size={960}
      destroyOnHidden
      data-testid="plan-completion"
      extra={
        plan && (
          <ExportButton
            run={() => exportPlanCompletion(plan.id, `学习完成情况-${plan.title}.xlsx`)}
            disabled={!data?.members.length}
            testId="plan-completion-export"
          />
        )
      }
    >
      {plan && (
        <Space wrap style={{ marginBottom: 12 }}>
          <Typography.Text>{plan.orgName}</Typography.Text>
          <Typography.Text type="secondary">{planDates(plan)}</Typography.Text>
          <PlanStatusTag status={plan.status} />
        </Space>
      )}
      {!data ? (
        <Spin style={{ display: 'block', marginTop: 40 }} />
      ) : !data.members.length ? (
        <Empty description="该组织没有需要学习的党员" />
      ) : (
        <>
          <Space wrap size={24} style={{ marginBottom: 12 }}>
            <Typography.Text strong data-testid="plan-summary">
              已完成 {data.completeCount} / {data.total}
            </Typography.Text>
            <Segmented<Show>
              value={show}
              onChange={setShow}
              data-testid="plan-completion-filter"
              options={[
                { value: 'all', label: '全部' },
                { value: 'pending', label: '未完成' },
                { value: 'done', label: '已完成' },
              ]}
            />
            <Typography.Text type="secondary">✓ 已学完，— 未学完；学完计划中的全部资料即为完成。</Typography.Text>
          </Space>
          <Table<Row>
            rowKey="memberId"
            size="small"
            columns={columns}
            dataSource={rows}
            data-testid="plan-completion-table"
            scroll={{ x: 'max-content' }}
            pagination={{ pageSize: 50, showTotal: (t) => `共 ${t} 人`, hideOnSinglePage: true }}
          />
        </>
      )}
    </Drawer>
  );
}
