/**
 * 去向分布: where the mobile members of an org are (returned members left out), by province or
 * by city, as a bar chart and a table.
 */
import type { MobileMemberView } from '@djzy/shared';
import { Card, Empty, Segmented, Space, Spin, Table, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { listAllMobileMembers } from '../../api/mobility';
import { OrgTreeSelect } from '../points/OrgTreeSelect';
import { useOrgs } from '../points/useOrgs';
import { DestinationChart } from './DestinationChart';
import { countByRegion, type RegionCount, type RegionLevel } from './destinations';

/** The destination distribution screen. */
export function DestinationsPage() {
  const orgs = useOrgs();
  const [orgId, setOrgId] = useState<string | null>(null);
  const [level, setLevel] = useState<RegionLevel>('province');
  const [rows, setRows] = useState<MobileMemberView[] | null>(null);

  useEffect(() => {
    if (orgs?.length) setOrgId((cur) => cur ?? orgs[0].id);
  }, [orgs]);

  useEffect(() => {
    if (!orgId) return;
    let live = true;
    setRows(null);
    listAllMobileMembers({ orgId }).then(
      (r) => live && setRows(r.filter((m) => m.status !== 'returned')),
      () => live && setRows([]),
    );
    return () => {
      live = false;
    };
  }, [orgId]);

  const counts = useMemo(() => countByRegion(rows ?? [], level), [rows, level]);

  if (orgs === null) return <Spin style={{ display: 'block', marginTop: 80 }} />;
  if (!orgs.length) return <Empty description="您的权限范围内没有组织" />;

  return (
    <Card size="small" title="流动党员去向分布">
      <Space wrap style={{ marginBottom: 12, display: 'flex' }}>
        <OrgTreeSelect orgs={orgs} value={orgId} onChange={setOrgId} />
        <Segmented<RegionLevel>
          value={level}
          onChange={setLevel}
          options={[
            { value: 'province', label: '按省份' },
            { value: 'city', label: '按城市' },
          ]}
          data-testid="destination-level"
        />
        {rows && (
          <Typography.Text type="secondary" data-testid="destination-total">
            在外流动党员 {rows.length} 人（不含已返乡）
          </Typography.Text>
        )}
      </Space>
      {rows === null ? (
        <Spin style={{ display: 'block', margin: '80px auto' }} />
      ) : counts.length ? (
        <>
          <DestinationChart counts={counts} />
          <Table<RegionCount>
            rowKey="region"
            size="small"
            columns={[
              { title: level === 'province' ? '省份' : '城市', dataIndex: 'region' },
              { title: '人数', dataIndex: 'count', width: 100 },
            ]}
            dataSource={counts}
            pagination={false}
            style={{ marginTop: 12 }}
            data-testid="destination-table"
          />
        </>
      ) : (
        <Empty description="该组织下没有在外的流动党员" />
      )}
    </Card>
  );
}
