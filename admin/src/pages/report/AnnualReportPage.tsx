/**
 * 述职报告: for an org and a year, the thirty figures of the yearly report, each computed from the
 * records (click one to see them), the year's problems not yet closed (存在的问题) and the
 * responsibility list's open items (下一步), and the report as Word and as Excel.
 */
import { QuestionCircleOutlined } from '@ant-design/icons';
import {
  ORG_KIND_LABELS,
  PROBLEM_SOURCE_LABELS,
  type AnnualReport,
  type OrgKind,
  type ProblemSource,
  type ReportFigure,
} from '@djzy/shared';
import { Button, Card, Empty, Space, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { annualReportName, downloadAnnualReport, useAnnualReport } from '../../api/reports';
import { ExportButton } from '../../components/ExportButton';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { OrgsPending } from '../../components/OrgsPending';
import { ReportError, ReportYearSelect, useReportParams } from './common';
import { FigureSourcesDrawer } from './FigureSourcesDrawer';

type OpenProblem = AnnualReport['openProblems'][number];
type OpenResponsibility = AnnualReport['openResponsibilities'][number];

/** The figure's value with its unit, or — and why there is none yet. */
function FigureValue(props: { figure: ReportFigure }) {
  const f = props.figure;
  if (f.value === null)
    return (
      <span data-testid={`figure-value-${f.no}`}>
        —
        {f.missing && (
          <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }} data-testid={`figure-missing-${f.no}`}>
            暂无记录来源：{f.missing}
          </Typography.Text>
        )}
      </span>
    );
  return (
    <span data-testid={`figure-value-${f.no}`}>
      <Typography.Text strong>{f.value}</Typography.Text> {f.unit}
    </span>
  );
}

/** A row's second counts inline: 党组织 2 个 · 党员 10 名. */
function FigureParts(props: { figure: ReportFigure }) {
  const parts = props.figure.parts ?? [];
  if (!parts.length) return null;
  return (
    <div>
      <Typography.Text type="secondary" data-testid={`figure-parts-${props.figure.no}`}>
        {parts.map((p) => `${p.label} ${p.value} ${p.unit}`).join(' · ')}
      </Typography.Text>
    </div>
  );
}

const problemSource = (s: string) => PROBLEM_SOURCE_LABELS[s as ProblemSource] ?? s;

/** The 述职报告 screen. */
export function AnnualReportPage() {
  const { orgs, orgId, year, setOrgId, setYear } = useReportParams();
  const report = useAnnualReport(orgId ? { orgId, year } : null);
  const data = report.data ?? null;
  const [openNo, setOpenNo] = useState<number | null>(null);
  const opened = data?.figures.find((f) => f.no === openNo) ?? null;

  if (!orgs?.length) return <OrgsPending orgs={orgs} />;

  const columns: ColumnsType<ReportFigure> = [
    { title: '序号', dataIndex: 'no', width: 64, align: 'center' },
    {
      title: '指标',
      dataIndex: 'label',
      render: (label: string, f) => (
        <span>
          {label}
          <Tooltip title={`口径：${f.rule}`}>
            <QuestionCircleOutlined style={{ color: '#999', marginInlineStart: 6 }} data-testid={`figure-rule-${f.no}`} />
          </Tooltip>
        </span>
      ),
    },
    {
      title: '数值',
      key: 'value',
      width: 320,
      render: (_, f) => (
        <>
          <FigureValue figure={f} />
          <FigureParts figure={f} />
        </>
      ),
    },
    {
      title: '记录',
      key: 'sources',
      width: 110,
      render: (_, f) =>
        f.value === null ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Button type="link" size="small" data-testid={`figure-open-${f.no}`}>
            {f.sources.length} 条记录
          </Button>
        ),
    },
  ];

  const problemColumns: ColumnsType<OpenProblem> = [
    { title: '组织', dataIndex: 'orgName', width: 160, ellipsis: true },
    { title: '来源', dataIndex: 'source', width: 130, render: problemSource },
    { title: '类别', dataIndex: 'category', width: 120, ellipsis: true },
    { title: '问题', dataIndex: 'description' },
    {
      title: '整改期限',
      key: 'deadline',
      width: 160,
      render: (_, p) => (
        <span>
          {p.deadline ?? '—'}
          {p.overdue && (
            <Tag color="red" style={{ marginInlineStart: 6 }} data-testid={`open-problem-overdue-${p.id}`}>
              逾期
            </Tag>
          )}
        </span>
      ),
    },
  ];

  const responsibilityColumns: ColumnsType<OpenResponsibility> = [
    { title: '组织', dataIndex: 'orgName', width: 160, ellipsis: true },
    { title: '类别', dataIndex: 'category', width: 120, ellipsis: true },
    { title: '事项', dataIndex: 'content' },
    { title: '完成时限', dataIndex: 'dueDate', width: 120, render: (d: string | null) => d ?? '—' },
  ];

  const files = data ? { orgId: data.orgId, year: data.year, orgName: data.orgName } : null;

  return (
    <Card
      size="small"
      title="述职报告"
      extra={
        <Space>
          <ExportButton label="下载 Word" testId="report-docx" disabled={!files} run={() => downloadAnnualReport(files!, 'docx')} />
          <ExportButton label="下载 Excel" testId="report-xlsx" disabled={!files} run={() => downloadAnnualReport(files!, 'xlsx')} />
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <OrgTreeSelect orgs={orgs} value={orgId} onChange={setOrgId} testId="report-org" />
        <ReportYearSelect value={year} onChange={setYear} testId="report-year" />
      </Space>
      {report.isError && <ReportError error={report.error} testId="report-error" />}
      {report.isPending && !report.isError && <Spin style={{ display: 'block', margin: '48px auto' }} />}
      {data && (
        <>
          <Typography.Title level={4} style={{ textAlign: 'center', marginTop: 4 }} data-testid="report-title">
            {annualReportName(data.orgName, data.year)}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
            {ORG_KIND_LABELS[data.orgKind as OrgKind] ?? ''} · 每项数字均由系统记录统计，点击“条记录”可查看依据 · 生成于{' '}
            {dayjs(data.generatedAt).format('YYYY-MM-DD HH:mm')}
          </Typography.Paragraph>
          <Table<ReportFigure>
            rowKey="no"
            size="small"
            bordered
            columns={columns}
            dataSource={data.figures}
            loading={report.isFetching}
            pagination={false}
            onRow={(f) => (f.value === null ? {} : { onClick: () => setOpenNo(f.no), style: { cursor: 'pointer' } })}
            data-testid="report-figures"
          />
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            存在的问题（未销号）
          </Typography.Title>
          <Table<OpenProblem>
            rowKey="id"
            size="small"
            columns={problemColumns}
            dataSource={data.openProblems}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本年度问题均已销号" /> }}
            onRow={(p) => (p.overdue ? { style: { color: '#cf1322' } } : {})}
            data-testid="report-open-problems"
          />
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            下一步（责任清单未完成事项）
          </Typography.Title>
          <Table<OpenResponsibility>
            rowKey="id"
            size="small"
            columns={responsibilityColumns}
            dataSource={data.openResponsibilities}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="责任清单事项均已完成" /> }}
            data-testid="report-open-responsibilities"
          />
        </>
      )}
      <FigureSourcesDrawer figure={opened} onClose={() => setOpenNo(null)} />
    </Card>
  );
}
