/** 联系干部统计: per contact cadre of an org, how many mobile members, contacts this quarter, overdue. */
import type { CadreFigures } from '@djzy/shared';
import { Button, Card, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useNavigate } from 'react-router-dom';
import { useCadreFigures } from '../../api/mobility';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { OrgsPending } from '../../components/OrgsPending';
import { useOrgChoice } from '../../hooks/useOrgs';

/** The per-cadre figures screen. */
export function CadresPage() {
  const { orgs, orgId, setOrgId } = useOrgChoice();
  const navigate = useNavigate();
  const figures = useCadreFigures(orgId);
  const rows = figures.isError ? [] : (figures.data ?? null);

  if (!orgs?.length) return <OrgsPending orgs={orgs} />;

  const columns: ColumnsType<CadreFigures> = [
    { title: '联系干部', key: 'name', width: 120, render: (_: unknown, r) => <span data-testid="cadre-name">{r.cadre.name}</span> },
    { title: '所在组织', key: 'org', ellipsis: true, render: (_: unknown, r) => r.cadre.orgName },
    {
      title: '联系对象数',
      dataIndex: 'assignees',
      width: 110,
      sorter: (a, b) => a.assignees - b.assignees,
      render: (n: number, r) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          title="在台账中查看"
          data-testid="cadre-assignees"
          onClick={() =>
            navigate(`/mobility/members?${new URLSearchParams({ orgId: orgId ?? '', cadreId: r.cadre.id, cadreName: r.cadre.name })}`)
          }
        >
          {n}
        </Button>
      ),
    },
    {
      title: '本季度联系次数',
      dataIndex: 'contactsThisQuarter',
      width: 130,
      sorter: (a, b) => a.contactsThisQuarter - b.contactsThisQuarter,
    },
    {
      title: '逾期人数',
      dataIndex: 'overdue',
      width: 100,
      sorter: (a, b) => a.overdue - b.overdue,
      render: (n: number) => (
        <Typography.Text type={n > 0 ? 'danger' : undefined} strong={n > 0}>
          {n}
        </Typography.Text>
      ),
    },
  ];

  const total = (rows ?? []).reduce(
    (s, r) => ({ assignees: s.assignees + r.assignees, contacts: s.contacts + r.contactsThisQuarter, overdue: s.overdue + r.overdue }),
    {
      assignees: 0,
      contacts: 0,
      overdue: 0,
    },
  );

  return (
    <Card size="small" title="联系干部统计">
      <Space wrap style={{ marginBottom: 12, display: 'flex' }}>
        <OrgTreeSelect orgs={orgs} value={orgId} onChange={setOrgId} />
        {rows && (
          <Typography.Text type="secondary" data-testid="cadre-summary">
            共 {rows.length} 名联系干部，联系流动党员 {total.assignees} 人，本季度联系 {total.contacts} 次，逾期 {total.overdue} 人
          </Typography.Text>
        )}
      </Space>
      <Table<CadreFigures>
        rowKey={(r) => r.cadre.id}
        size="middle"
        columns={columns}
        dataSource={rows ?? []}
        loading={rows === null}
        data-testid="cadre-table"
        locale={{ emptyText: '该组织下没有联系干部' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 人` }}
      />
    </Card>
  );
}
