/**
 * The records behind one figure of the 述职报告: name, day, org, kind (and amount for money
 * figures), with their count beside the figure so a number can be checked against its list.
 */
import { REPORT_SOURCE_TYPE_LABELS, type ReportFigure, type ReportSource } from '@djzy/shared';
import { Descriptions, Drawer, Empty, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { yuan } from './common';

export function FigureSourcesDrawer(props: { figure: ReportFigure | null; onClose(): void }) {
  const f = props.figure;
  const sources = f?.sources ?? [];
  const money = sources.some((s) => s.amountCents !== undefined);
  const total = sources.reduce((sum, s) => sum + (s.amountCents ?? 0), 0);

  const columns: ColumnsType<ReportSource> = [
    { title: '名称', dataIndex: 'name', render: (n: string) => <span data-testid="figure-source-name">{n}</span> },
    { title: '日期', dataIndex: 'date', width: 110, render: (d: string | null) => d ?? '—' },
    { title: '组织', dataIndex: 'orgName', width: 150, ellipsis: true, render: (o: string | null) => o ?? '—' },
    { title: '类型', dataIndex: 'type', width: 110, render: (t: ReportSource['type']) => REPORT_SOURCE_TYPE_LABELS[t] ?? t },
    ...(money
      ? [
          {
            title: '金额',
            dataIndex: 'amountCents',
            width: 130,
            align: 'right' as const,
            render: (c: number | undefined) => (c === undefined ? '—' : yuan(c)),
          },
        ]
      : []),
  ];

  return (
    <Drawer
      title={f ? `${f.no}. ${f.label}` : ''}
      open={!!f}
      onClose={props.onClose}
      size={760}
      destroyOnHidden
      data-testid="figure-drawer"
    >
      {f && (
        <>
          <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
            <Descriptions.Item label="数值">
              <span data-testid="figure-drawer-value">{f.value === null ? '—' : `${f.value} ${f.unit}`}</span>
              {f.parts?.length ? (
                <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                  （{f.parts.map((p) => `${p.label} ${p.value} ${p.unit}`).join(' · ')}）
                </Typography.Text>
              ) : null}
            </Descriptions.Item>
            <Descriptions.Item label="口径">{f.rule}</Descriptions.Item>
            <Descriptions.Item label="记录">
              <span>
                共 <span data-testid="figure-drawer-count">{sources.length}</span> 条{money && `，合计 ${yuan(total)}`}
              </span>
            </Descriptions.Item>
          </Descriptions>
          <Table<ReportSource>
            rowKey={(s) => `${s.type}-${s.id}`}
            size="small"
            columns={columns}
            dataSource={sources}
            pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false, showTotal: (n) => `共 ${n} 条` }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本年度没有相关记录" /> }}
            data-testid="figure-sources"
          />
        </>
      )}
    </Drawer>
  );
}
