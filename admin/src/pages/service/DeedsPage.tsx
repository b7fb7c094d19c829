/**
 * 为群众办实事: the deeds of the caller's orgs with their filters, 登记, the 台账 export, and on
 * each row the moves the caller may make now (受理, 开始办理, 办结 with the result, 回访, 不予办理).
 */
import { PlusOutlined } from '@ant-design/icons';
import {
  DEED_MOVE_LABELS,
  DEED_SOURCE_LABELS,
  DEED_SOURCES,
  DEED_STATUS_LABELS,
  DEED_STATUSES,
  type DeedListQuery,
  type DeedMove,
  type DeedSource,
  type DeedStatus,
  type DeedView,
} from '@djzy/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Select, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { exportDeeds, moveDeed, serviceKeys, useDeeds } from '../../api/service';
import { ExportButton } from '../../components/ExportButton';
import { OrgFilter } from '../../components/OrgTreeSelect';
import { PagedTable } from '../../components/PagedTable';
import { useOrgs } from '../../hooks/useOrgs';
import { usePaging } from '../../hooks/usePaging';
import { DeedFormModal, DeedMoveModal } from './DeedModals';
import { DeedStatusCell, deedErrorText, yearOptions } from './labels';

/** The 为群众办实事 screen. */
export function DeedsPage() {
  const { message } = App.useApp();
  const orgs = useOrgs();
  const [source, setSource] = useState<DeedSource | undefined>();
  const [status, setStatus] = useState<DeedStatus | undefined>();
  const [orgId, setOrgId] = useState<string | null>(null);
  const [year, setYear] = useState<number | undefined>();
  const [overdue, setOverdue] = useState(false);
  const [creating, setCreating] = useState(false);
  const [moving, setMoving] = useState<{ deed: DeedView; move: 'done' | 'confirm' | 'decline' } | null>(null);
  const paging = usePaging();
  const filters: DeedListQuery = { orgId: orgId ?? undefined, year, status, source, overdue: overdue || undefined };
  const list = useDeeds({ ...filters, page: paging.page, pageSize: paging.pageSize });
  const filtered =
    <T,>(set: (v: T) => void) =>
    (v: T) => (set(v), paging.firstPage());
  const queryClient = useQueryClient();
  const quick = useMutation({
    mutationFn: (a: { id: string; move: 'accept' | 'start' }) => moveDeed(a.id, { move: a.move }),
    onSuccess: (d) => void message.success(`${d.title}：${DEED_STATUS_LABELS[d.status]}`),
    onError: (e) => void message.error(deedErrorText(e, '操作失败，请重试')),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: serviceKeys.deeds }),
  });

  const act = (d: DeedView, move: DeedMove) => {
    if (move === 'accept' || move === 'start') quick.mutate({ id: d.id, move });
    else setMoving({ deed: d, move });
  };

  const columns: ColumnsType<DeedView> = [
    { title: '组织', dataIndex: 'orgName', width: 140, ellipsis: true },
    {
      title: '事项',
      dataIndex: 'title',
      render: (t: string, d) => (
        <Typography.Text
          ellipsis={{ tooltip: d.result ? `办理结果：${d.result}` : t }}
          style={{ maxWidth: 260 }}
          data-testid={`deed-title-${d.id}`}
        >
          {t}
        </Typography.Text>
      ),
    },
    { title: '服务对象', dataIndex: 'requester', width: 110, ellipsis: true },
    { title: '来源', dataIndex: 'source', width: 100, render: (s: DeedSource) => DEED_SOURCE_LABELS[s] },
    { title: '责任人', dataIndex: 'responsibleName', width: 90 },
    { title: '承诺时限', dataIndex: 'promisedBy', width: 110 },
    { title: '状态', key: 'status', width: 160, render: (_, d) => <DeedStatusCell deed={d} /> },
    {
      title: '回访',
      key: 'followUp',
      width: 90,
      render: (_, d) =>
        d.followUpAt ? (
          <span data-testid={`deed-followup-${d.id}`}>{d.followUpSatisfied ? '满意' : '不满意'}</span>
        ) : d.declineReason ? (
          <Typography.Text type="secondary" ellipsis={{ tooltip: d.declineReason }} style={{ maxWidth: 80 }}>
            {d.declineReason}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 200,
      render: (_, d) => (
        <Space size={0} wrap>
          {d.allowedMoves.map((m) => (
            <Button key={m} type="link" size="small" danger={m === 'decline'} onClick={() => act(d, m)} data-testid={`deed-${m}-${d.id}`}>
              {DEED_MOVE_LABELS[m]}
            </Button>
          ))}
        </Space>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title="为群众办实事"
      extra={
        <Space>
          <ExportButton run={() => exportDeeds(filters)} testId="deed-export" />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="deed-new">
            登记办实事
          </Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<DeedSource>
          data-testid="deed-filter-source"
          style={{ width: 140 }}
          allowClear
          placeholder="全部来源"
          value={source}
          onChange={filtered(setSource)}
          options={DEED_SOURCES.map((s) => ({ value: s, label: DEED_SOURCE_LABELS[s] }))}
        />
        <Select<DeedStatus>
          data-testid="deed-filter-status"
          style={{ width: 120 }}
          allowClear
          placeholder="全部状态"
          value={status}
          onChange={filtered(setStatus)}
          options={DEED_STATUSES.map((s) => ({ value: s, label: DEED_STATUS_LABELS[s] }))}
        />
        <Select<number>
          data-testid="deed-filter-year"
          style={{ width: 110 }}
          allowClear
          placeholder="全部年度"
          value={year}
          onChange={filtered(setYear)}
          options={yearOptions()}
        />
        <OrgFilter orgs={orgs} value={orgId} onChange={(o) => (setOrgId(o), paging.firstPage())} testId="deed-filter-org" />
        <Checkbox checked={overdue} onChange={(e) => filtered(setOverdue)(e.target.checked)} data-testid="deed-filter-overdue">
          只看逾期
        </Checkbox>
      </Space>
      <PagedTable<DeedView> rowKey="id" columns={columns} list={list} paging={paging} unit="件" data-testid="deed-table" />
      {creating && <DeedFormModal orgs={orgs ?? []} onClose={() => setCreating(false)} onCreated={() => setCreating(false)} />}
      {moving && <DeedMoveModal deed={moving.deed} move={moving.move} onClose={() => setMoving(null)} />}
    </Card>
  );
}
