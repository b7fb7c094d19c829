/** 积分分布: branch averages (with max and min) of an org for a period, as a chart and a table. */
import { type BranchPointsStat, periodLabel } from '@djzy/shared';
import { Card, Empty, Space, Spin, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useDistribution } from '../../api/points';
import { BranchChart } from './BranchChart';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { currentYear, PeriodPicker } from '../../components/PeriodPicker';
import { OrgsPending } from '../../components/OrgsPending';
import { useOrgChoice } from '../../hooks/useOrgs';

const columns: ColumnsType<BranchPointsStat> = [
  { title: '党支部', dataIndex: 'orgName' },
  { title: '党员数', dataIndex: 'members', width: 90 },
  { title: '平均积分', dataIndex: 'average', width: 100 },
  { title: '最高', dataIndex: 'max', width: 80 },
  { title: '最低', dataIndex: 'min', width: 80 },
];

/** The distribution screen. */
export function DistributionPage() {
  const { orgs, orgId, setOrgId } = useOrgChoice();
  const [period, setPeriod] = useState(currentYear);
  const distribution = useDistribution(orgId, period);
  const stats = distribution.isError ? [] : (distribution.data ?? null);

  if (!orgs?.length) return <OrgsPending orgs={orgs} />;

  return (
    <Card size="small" title={`积分分布 · ${periodLabel(period)}`}>
      <Space wrap style={{ marginBottom: 12, display: 'flex' }}>
        <OrgTreeSelect orgs={orgs} value={orgId} onChange={setOrgId} />
        <PeriodPicker value={period} onChange={setPeriod} />
      </Space>
      {stats === null ? (
        <Spin style={{ display: 'block', margin: '80px auto' }} />
      ) : stats.length ? (
        <>
          <BranchChart stats={stats} />
          <Table<BranchPointsStat>
            rowKey="orgId"
            size="small"
            columns={columns}
            dataSource={stats}
            pagination={false}
            style={{ marginTop: 12 }}
            data-testid="distribution-table"
          />
        </>
      ) : (
        <Empty description="该组织下没有党员" />
      )}
    </Card>
  );
}
