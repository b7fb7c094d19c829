/**
 * 去向分布: where the mobile members of an org are (returned members left out), by province or
 * by city, as a bar chart and a table.
 */
import { Card, Empty, Segmented, Space, Spin, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useAwayMembers } from '../../api/mobility';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { OrgsPending } from '../../components/OrgsPending';
import { useOrgChoice } from '../../hooks/useOrgs';
import { DestinationChart } from './DestinationChart';
import { countByRegion, type RegionCount, type RegionLevel } from './destinations';

/** The destination distribution screen. */
export function DestinationsPage() {
  const { orgs, orgId, setOrgId } = useOrgChoice();
  const [level, setLevel] = useState<RegionLevel>('province');
  const away = useAwayMembers(orgId);
  const rows = away.isError ? [] : (away.data ?? null);

  const counts = useMemo(() => countByRegion(away.data ?? [], level), [away.data, level]);

  if (!orgs?.length) return <OrgsPending orgs={orgs} />;

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
