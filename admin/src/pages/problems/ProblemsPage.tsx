/**
 * 问题清单: the problems of the caller's orgs with their filters, 登记问题, the 三张清单 export,
 * and the detail drawer (its history and the moves). `?id=` opens a problem's drawer (the link
 * from a feedback turned into a problem).
 */
import { PlusOutlined } from '@ant-design/icons';
import {
  PROBLEM_SOURCE_LABELS,
  PROBLEM_SOURCES,
  PROBLEM_STATUS_LABELS,
  PROBLEM_STATUSES,
  type ProblemListQuery,
  type ProblemSource,
  type ProblemStatus,
  type ProblemView,
} from '@djzy/shared';
import { Button, Card, Checkbox, Select, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { exportProblems, useProblems } from '../../api/problems';
import { ExportButton } from '../../components/ExportButton';
import { OrgFilter } from '../../components/OrgTreeSelect';
import { PagedTable } from '../../components/PagedTable';
import { useOrgs } from '../../hooks/useOrgs';
import { usePaging } from '../../hooks/usePaging';
import { ProblemStatusCell, yearOptions } from './labels';
import { ProblemDrawer } from './ProblemDrawer';
import { ProblemFormModal } from './ProblemFormModal';

/** The 问题清单 screen. */
export function ProblemsPage() {
  const orgs = useOrgs();
  const [source, setSource] = useState<ProblemSource | undefined>();
  const [status, setStatus] = useState<ProblemStatus | undefined>();
  const [orgId, setOrgId] = useState<string | null>(null);
  const [year, setYear] = useState<number | undefined>();
  const [overdue, setOverdue] = useState(false);
  const [creating, setCreating] = useState(false);
  const [params, setParams] = useSearchParams();
  const openId = params.get('id');
  const open = (id: string | null) => setParams(id ? { id } : {}, { replace: !id });
  const paging = usePaging();
  const filters: ProblemListQuery = { orgId: orgId ?? undefined, year, status, source, overdue: overdue || undefined };
  const list = useProblems({ ...filters, page: paging.page, pageSize: paging.pageSize });
  const filtered =
    <T,>(set: (v: T) => void) =>
    (v: T) => (set(v), paging.firstPage());

  const columns: ColumnsType<ProblemView> = [
    { title: '组织', dataIndex: 'orgName', width: 160, ellipsis: true },
    {
      title: '来源',
      dataIndex: 'source',
      width: 120,
      render: (s: ProblemSource, p) => (
        <span>
          {PROBLEM_SOURCE_LABELS[s]}
          {p.longTerm && (
            <Tag color="gold" style={{ marginInlineStart: 4 }}>
              长期
            </Tag>
          )}
        </span>
      ),
    },
    { title: '类别', dataIndex: 'category', width: 120, ellipsis: true },
    {
      title: '描述',
      dataIndex: 'description',
      render: (d: string, p) => (
        <Typography.Text ellipsis={{ tooltip: d }} style={{ maxWidth: 320 }} data-testid={`problem-desc-${p.id}`}>
          {d}
        </Typography.Text>
      ),
    },
    {
      title: '责任人',
      dataIndex: 'responsibleName',
      width: 90,
      render: (n: string | null) => n ?? <Typography.Text type="secondary">未交办</Typography.Text>,
    },
    { title: '期限', dataIndex: 'deadline', width: 110, render: (d: string | null) => d ?? '—' },
    { title: '状态', key: 'status', width: 170, render: (_, p) => <ProblemStatusCell problem={p} /> },
    {
      title: '操作',
      key: 'actions',
      width: 80,
      render: (_, p) => (
        <Button type="link" size="small" onClick={() => open(p.id)} data-testid={`problem-open-${p.id}`}>
          {p.canManage && p.status !== 'closed' && p.status !== 'void' ? '办理' : '查看'}
        </Button>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title="问题清单"
      extra={
        <Space>
          <ExportButton run={() => exportProblems(filters)} testId="problem-export" />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="problem-new">
            登记问题
          </Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<ProblemSource>
          data-testid="problem-filter-source"
          style={{ width: 150 }}
          allowClear
          placeholder="全部来源"
          value={source}
          onChange={filtered(setSource)}
          options={PROBLEM_SOURCES.map((s) => ({ value: s, label: PROBLEM_SOURCE_LABELS[s] }))}
        />
        <Select<ProblemStatus>
          data-testid="problem-filter-status"
          style={{ width: 120 }}
          allowClear
          placeholder="全部状态"
          value={status}
          onChange={filtered(setStatus)}
          options={PROBLEM_STATUSES.map((s) => ({ value: s, label: PROBLEM_STATUS_LABELS[s] }))}
        />
        <Select<number>
          data-testid="problem-filter-year"
          style={{ width: 110 }}
          allowClear
          placeholder="全部年度"
          value={year}
          onChange={filtered(setYear)}
          options={yearOptions()}
        />
        <OrgFilter orgs={orgs} value={orgId} onChange={(o) => (setOrgId(o), paging.firstPage())} testId="problem-filter-org" />
        <Checkbox checked={overdue} onChange={(e) => filtered(setOverdue)(e.target.checked)} data-testid="problem-filter-overdue">
          只看逾期
        </Checkbox>
      </Space>
      <PagedTable<ProblemView> columns={columns} list={list} paging={paging} unit="个问题" data-testid="problem-table" />
      <ProblemFormModal
        open={creating}
        orgs={orgs ?? []}
        onClose={() => setCreating(false)}
        onCreated={(p) => (setCreating(false), open(p.id))}
      />
      <ProblemDrawer id={openId} onClose={() => open(null)} />
    </Card>
  );
}
