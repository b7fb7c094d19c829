/** 积分分布: branch averages (with max and min) of an org for a period, as a chart and a table. */
import type { BranchPointsStat } from '@djzy/shared';
import { Card, Empty, Space, Spin, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { getDistribution } from '../../api/points';
import { BranchChart } from './BranchChart';
import { OrgTreeSelect } from './OrgTreeSelect';
import { currentYear, PeriodPicker, periodLabel } from './PeriodPicker';
import { useOrgs } from './useOrgs';

const columns: ColumnsType<BranchPointsStat> = [
  { title: '党支部', dataIndex: 'orgName' },
  { title: '党员数', dataIndex: 'members', width: 90 },
  { title: '平均积分', dataIndex: 'average', width: 100 },
  { title: '最高', dataIndex: 'max', width: 80 },
  { title: '最低', dataIndex: 'min', width: 80 },
];

/** The distribution screen. */
export function DistributionPage() {
  const orgs = useOrgs();
  const [orgId, setOrgId] = useState<string | null>(null);
  const [period, setPeriod] = useState(currentYear);
  const [stats, setStats] = useState<BranchPointsStat[] | null>(null);

  useEffect(() => {
    if (orgs?.length) setOrgId((cur) => cur ?? orgs[0].id);
  }, [orgs]);

  useEffect(() => {
    if (!orgId) return;
    let live = true;
    setStats(null);
    getDistribution(orgId, period).then(
      (s) => live && setStats(s),
      () => live && setStats([]),
    );
    return () => {
      live = false;
    };
  }, [orgId, period]);

  if (orgs === null) return <Spin style={{ display: 'block', marginTop: 80 }} />;
  if (!orgs.length) return <Empty description="您的权限范围内没有组织" />;

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
