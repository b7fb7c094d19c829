/**
 * 党建总览: for an org and a year, the records of each child org (a county's townships, a
 * township's branches) — org life held against required (red where a period went by without
 * it), mobile members overdue or 失联, problems, feedback overdue, study plans done / not done —
 * with their total above and two charts below. A row with child orgs drills down; the breadcrumb
 * goes back up. Orgs are listed in the org tree's order: nothing here ranks anyone.
 */
import { FileTextOutlined } from '@ant-design/icons';
import { ORG_KIND_LABELS, type OrgKind, type OverviewOrgLife, type OverviewRow } from '@djzy/shared';
import { Breadcrumb, Button, Card, Col, Empty, Row, Space, Spin, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useMemo, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useOverview } from '../../api/reports';
import { flattenOrgs, OrgTreeSelect } from '../../components/OrgTreeSelect';
import { OrgsPending } from '../../components/OrgsPending';
import { ReportError, ReportYearSelect, useReportParams } from './common';
import { orgLifeKinds, orgLifeSum } from './overview';
import { OrgLifeChart, ProblemsChart } from './OverviewCharts';

const RED = '#cf1322';

/** `held/required` of one org-life kind, red where a period went by without the meeting. */
function OrgLifeCell(props: { cell: OverviewOrgLife | undefined; orgId: string }) {
  const c = props.cell;
  if (!c) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <span
      style={c.missed > 0 ? { color: RED, fontWeight: 600 } : undefined}
      title={c.missed > 0 ? `${c.missed} 个周期未按期开展` : undefined}
      data-testid={`overview-orglife-${props.orgId}-${c.kind}`}
      data-missed={c.missed}
    >
      {c.held}/{c.required}
    </span>
  );
}

/** A count, red when it is above zero (overdue, 失联, behind). */
const warn = (n: number) => <span style={n > 0 ? { color: RED, fontWeight: 600 } : undefined}>{n}</span>;

/** One summary card of the total row. */
function TotalCard(props: { title: string; testId: string; children: ReactNode }) {
  return (
    <Col flex="1 1 200px">
      <Card size="small" title={props.title} data-testid={props.testId} style={{ height: '100%' }}>
        {props.children}
      </Card>
    </Col>
  );
}

/** The 党建总览 screen. */
export function OverviewPage() {
  const { orgs, orgId, year, setOrgId, setYear } = useReportParams();
  const overview = useOverview(orgId ? { orgId, year } : null);
  const data = overview.data ?? null;
  const inScope = useMemo(() => new Set(flattenOrgs(orgs ?? []).map((o) => o.id)), [orgs]);
  const kinds = useMemo(() => orgLifeKinds(data ? [data.total, ...data.rows] : []), [data]);

  if (!orgs?.length) return <OrgsPending orgs={orgs} />;

  const reportLink = (id: string) => `/report/annual?orgId=${encodeURIComponent(id)}&year=${year}`;

  const columns: ColumnsType<OverviewRow> = [
    {
      title: '组织',
      dataIndex: 'orgName',
      fixed: 'left',
      width: 170,
      render: (name: string, r) => (
        <span>
          {r.hasChildren ? (
            // The row's click drills down; the name is a link for the eye and the keyboard.
            <a
              onClick={(e) => (e.stopPropagation(), setOrgId(r.orgId))}
              onKeyDown={(e) => e.key === 'Enter' && setOrgId(r.orgId)}
              tabIndex={0}
              data-testid={`overview-drill-${r.orgId}`}
            >
              {name}
            </a>
          ) : (
            name
          )}
          <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
            {ORG_KIND_LABELS[r.orgKind as OrgKind] ?? ''}
          </Typography.Text>
        </span>
      ),
    },
    { title: '党支部', dataIndex: 'branches', width: 70, align: 'right' },
    { title: '党员', dataIndex: 'members', width: 70, align: 'right' },
    {
      title: '组织生活（已开展/应开展）',
      children: kinds.map((k) => ({
        title: k.label,
        key: `orglife-${k.kind}`,
        width: 84,
        align: 'center' as const,
        render: (_: unknown, r: OverviewRow) => <OrgLifeCell cell={r.orgLife.find((c) => c.kind === k.kind)} orgId={r.orgId} />,
      })),
    },
    { title: '落后支部', dataIndex: 'behindBranches', width: 80, align: 'right', render: warn },
    {
      title: '流动党员',
      children: [
        { title: '联系逾期', key: 'mobile-overdue', width: 80, align: 'right', render: (_, r) => warn(r.mobile.overdue) },
        { title: '失联', key: 'mobile-lost', width: 64, align: 'right', render: (_, r) => warn(r.mobile.lostContact) },
      ],
    },
    {
      title: '问题',
      children: [
        { title: '未销号', key: 'problems-open', width: 70, align: 'right', render: (_, r) => r.problems.open },
        { title: '逾期', key: 'problems-overdue', width: 64, align: 'right', render: (_, r) => warn(r.problems.overdue) },
        { title: '已销号', key: 'problems-closed', width: 70, align: 'right', render: (_, r) => r.problems.closed },
      ],
    },
    { title: '投诉建议逾期', key: 'feedback-overdue', width: 100, align: 'right', render: (_, r) => warn(r.feedback.overdue) },
    {
      title: '学习计划（党员）',
      children: [
        { title: '完成', key: 'study-done', width: 64, align: 'right', render: (_, r) => r.study.done },
        { title: '未完成', key: 'study-not-done', width: 70, align: 'right', render: (_, r) => r.study.notDone },
      ],
    },
    {
      title: '述职报告',
      key: 'report',
      fixed: 'right',
      width: 90,
      render: (_, r) => (
        <Link to={reportLink(r.orgId)} onClick={(e) => e.stopPropagation()} data-testid={`overview-report-${r.orgId}`}>
          查看
        </Link>
      ),
    },
  ];

  const trail = data ? [...data.trail.filter((t) => t.id !== data.orgId), { id: data.orgId, name: data.orgName }] : [];
  const t = data?.total;
  const life = t ? orgLifeSum(t) : null;

  return (
    <Card
      size="small"
      title="党建总览"
      extra={
        orgId && (
          <Link to={reportLink(orgId)} data-testid="overview-annual-link">
            <Button icon={<FileTextOutlined />}>{year} 年度述职报告</Button>
          </Link>
        )
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <OrgTreeSelect orgs={orgs} value={orgId} onChange={setOrgId} testId="overview-org" />
        <ReportYearSelect value={year} onChange={setYear} testId="overview-year" />
      </Space>
      {data && (
        <Breadcrumb
          style={{ marginBottom: 12 }}
          data-testid="overview-trail"
          items={trail.map((o, i) => ({
            title:
              i < trail.length - 1 && inScope.has(o.id) ? (
                <a onClick={() => setOrgId(o.id)} data-testid={`overview-trail-${o.id}`}>
                  {o.name}
                </a>
              ) : (
                <span data-testid={`overview-trail-${o.id}`}>{o.name}</span>
              ),
          }))}
        />
      )}
      {overview.isError && <ReportError error={overview.error} testId="overview-error" />}
      {overview.isPending && !overview.isError && <Spin style={{ display: 'block', margin: '48px auto' }} />}
      {data && t && life && (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
            <TotalCard title="组织生活" testId="overview-total-orglife">
              <Statistic title="已开展 / 应开展" value={`${life.held} / ${life.required}`} suffix="次" />
              <Typography.Text type={life.missed ? 'danger' : 'secondary'}>
                未按期开展 {life.missed} 次 · 落后支部 {t.behindBranches} 个
              </Typography.Text>
            </TotalCard>
            <TotalCard title="流动党员" testId="overview-total-mobile">
              <Statistic title="联系逾期 / 失联" value={`${t.mobile.overdue} / ${t.mobile.lostContact}`} suffix="名" />
              <Typography.Text type="secondary">共 {t.mobile.total} 名流动党员</Typography.Text>
            </TotalCard>
            <TotalCard title="问题清单" testId="overview-total-problems">
              <Statistic
                title="未销号 / 逾期 / 已销号"
                value={`${t.problems.open} / ${t.problems.overdue} / ${t.problems.closed}`}
                suffix="个"
              />
              <Typography.Text type={t.problems.overdue ? 'danger' : 'secondary'}>逾期未销号 {t.problems.overdue} 个</Typography.Text>
            </TotalCard>
            <TotalCard title="投诉建议" testId="overview-total-feedback">
              <Statistic
                title="逾期未答复"
                value={t.feedback.overdue}
                suffix="件"
                styles={t.feedback.overdue ? { content: { color: RED } } : undefined}
              />
              <Typography.Text type="secondary">待答复 {t.feedback.open} 件</Typography.Text>
            </TotalCard>
            <TotalCard title="学习计划" testId="overview-total-study">
              <Statistic title="党员完成 / 未完成" value={`${t.study.done} / ${t.study.notDone}`} suffix="名" />
              <Typography.Text type="secondary">本年度学习计划 {t.study.plans} 个</Typography.Text>
            </TotalCard>
          </Row>
          <Table<OverviewRow>
            rowKey="orgId"
            size="small"
            bordered
            columns={columns}
            dataSource={data.rows}
            loading={overview.isFetching}
            scroll={{ x: 'max-content' }}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            onRow={(r) => (r.hasChildren ? { onClick: () => setOrgId(r.orgId), style: { cursor: 'pointer' } } : {})}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`${data.orgName}没有下级组织`} /> }}
            data-testid="overview-table"
          />
          {data.rows.length > 0 && (
            <Row gutter={12} style={{ marginTop: 16 }}>
              <Col xs={24} xl={12}>
                <Card size="small" title="问题清单">
                  <ProblemsChart rows={data.rows} />
                </Card>
              </Col>
              <Col xs={24} xl={12}>
                <Card size="small" title="组织生活落实">
                  <OrgLifeChart rows={data.rows} />
                </Card>
              </Col>
            </Row>
          )}
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
            按组织顺序列出，只统计各组织的工作记录，不对党员排名。红色表示已过期而未完成的事项。生成于{' '}
            {dayjs(data.generatedAt).format('YYYY-MM-DD HH:mm')}
          </Typography.Paragraph>
        </>
      )}
    </Card>
  );
}
