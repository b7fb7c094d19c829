/**
 * 学习计划: the study plans of the caller's orgs — filter by org and status, 新建 / 编辑 / 删除, and
 * each plan's 完成情况 (done / not done per member; never minutes).
 */
import { PlusOutlined } from '@ant-design/icons';
import { MATERIAL_KIND_LABELS, STUDY_PLAN_STATUS_LABELS, planDates, type StudyPlanStatus, type StudyPlanView } from '@djzy/shared';
import { App, Button, Card, Select, Space, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { deletePlan, studyKeys, usePlans } from '../../api/study';
import { PagedTable, TitleCell } from '../../components/PagedTable';
import { usePaging } from '../../hooks/usePaging';
import { OrgFilter } from '../../components/OrgTreeSelect';
import { useOrgs } from '../../hooks/useOrgs';
import { PlanCompletionDrawer } from './PlanCompletionDrawer';
import { PlanFormDrawer } from './PlanFormDrawer';
import { PlanStatusTag } from './labels';

const STATUSES: StudyPlanStatus[] = ['current', 'upcoming', 'ended'];

interface Filters {
  orgId: string | null;
  status: StudyPlanStatus | null;
}

/** The study plans screen. */
export function PlansPage() {
  const orgs = useOrgs();
  const { message, modal } = App.useApp();
  const [filters, setFilters] = useState<Filters>({ orgId: null, status: null });
  const paging = usePaging();
  const queryClient = useQueryClient();
  const list = usePlans({
    orgId: filters.orgId ?? undefined,
    status: filters.status ?? undefined,
    page: paging.page,
    pageSize: paging.pageSize,
  });
  const [editing, setEditing] = useState<{ plan: StudyPlanView | null } | null>(null);
  const [viewing, setViewing] = useState<StudyPlanView | null>(null);
  const reload = () => void queryClient.invalidateQueries({ queryKey: studyKeys.plans });

  const setFilter = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    paging.firstPage();
  };

  const remove = (p: StudyPlanView) =>
    modal.confirm({
      title: '删除学习计划',
      content: `删除后党员将看不到“${p.title}”（已学完的资料记录保留）。确定删除吗？`,
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        const ok = await deletePlan(p.id).then(
          () => true,
          () => false,
        );
        if (!ok) return;
        message.success('学习计划已删除');
        reload();
      },
    });

  const columns: ColumnsType<StudyPlanView> = [
    {
      title: '计划名称',
      dataIndex: 'title',
      ellipsis: true,
      render: (t: string, p) => <TitleCell title={t} note={p.note} testId="plan-title" />,
    },
    { title: '组织', dataIndex: 'orgName', width: 170, ellipsis: true },
    { title: '学习时间', key: 'dates', width: 210, render: (_, p) => planDates(p) },
    {
      title: '学习资料',
      dataIndex: 'materials',
      width: 110,
      render: (ms: StudyPlanView['materials']) => (
        <Tooltip
          title={ms.map((m) => (
            <div key={m.id}>
              {MATERIAL_KIND_LABELS[m.kind]}：{m.title}
            </div>
          ))}
        >
          <Tag data-testid="plan-material-count">{ms.length} 份</Tag>
        </Tooltip>
      ),
    },
    { title: '状态', dataIndex: 'status', width: 90, render: (s: StudyPlanStatus) => <PlanStatusTag status={s} /> },
    {
      title: '操作',
      key: 'actions',
      width: 200,
      render: (_, p) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setViewing(p)} data-testid={`plan-completion-${p.id}`}>
            完成情况
          </Button>
          {p.canManage && (
            <>
              <Button type="link" size="small" onClick={() => setEditing({ plan: p })} data-testid={`plan-edit-${p.id}`}>
                编辑
              </Button>
              <Button type="link" size="small" danger onClick={() => remove(p)} data-testid={`plan-delete-${p.id}`}>
                删除
              </Button>
            </>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card size="small" title="学习计划">
      <Space wrap style={{ marginBottom: 12 }}>
        <OrgFilter
          orgs={orgs}
          value={filters.orgId}
          onChange={(orgId) => setFilter({ orgId })}
          testId="plan-filter-org"
          clearTestId="plan-filter-org-clear"
        />
        <Select<StudyPlanStatus>
          data-testid="plan-filter-status"
          allowClear
          placeholder="全部状态"
          style={{ width: 120 }}
          value={filters.status ?? undefined}
          onChange={(s) => setFilter({ status: s ?? null })}
          options={STATUSES.map((s) => ({ value: s, label: STUDY_PLAN_STATUS_LABELS[s] }))}
        />
        {orgs !== null && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ plan: null })} data-testid="plan-new">
            新建学习计划
          </Button>
        )}
      </Space>
      <PagedTable<StudyPlanView> columns={columns} list={list} data-testid="plan-table" paging={paging} unit="个计划" />
      <PlanFormDrawer
        open={!!editing}
        plan={editing?.plan ?? null}
        orgs={orgs ?? []}
        defaultOrgId={filters.orgId}
        onClose={() => setEditing(null)}
        onSaved={() => setEditing(null)}
      />
      <PlanCompletionDrawer plan={viewing} onClose={() => setViewing(null)} />
    </Card>
  );
}
