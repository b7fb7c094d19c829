/**
 * 积分排名: pick an org in the tree and a period; the ranking (ties share a rank) with server
 * paging, 导出, each member's ledger, and for a branch the switch that shows rankings to members.
 */
import { type OrgNode, periodLabel, type RankingItem } from '@djzy/shared';
import { Alert, App, Button, Card, Col, Row, Space, Switch, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { pointsKeys, updatePointsSettings, usePointsSettings, useRankings } from '../../api/points';
import { hasRole, useSession } from '../../auth/session';
import { OrgTreeCard } from '../roster/OrgTree';
import { exportRanking } from './exportRanking';
import { MemberLedgerDrawer, type LedgerMember } from './MemberLedgerDrawer';
import { flattenOrgs } from '../../components/OrgTreeSelect';
import { ExportButton } from '../../components/ExportButton';
import { PagedTable } from '../../components/PagedTable';
import { usePaging } from '../../hooks/usePaging';
import { currentYear, PeriodPicker } from '../../components/PeriodPicker';
import { OrgsPending } from '../../components/OrgsPending';
import { useOrgChoice } from '../../hooks/useOrgs';

/** The ranking screen. */
export function RankingPage() {
  const { user } = useSession();
  const isAdmin = hasRole(user, 'admin');
  const { orgs, orgId, setOrgId } = useOrgChoice();
  const [period, setPeriod] = useState(currentYear);
  const paging = usePaging();
  const rankings = useRankings(orgId ? { orgId, period, page: paging.page, pageSize: paging.pageSize } : null);
  const [ledgerOf, setLedgerOf] = useState<LedgerMember | null>(null);

  const byId = useMemo(() => new Map(flattenOrgs(orgs ?? []).map((o) => [o.id, o])), [orgs]);
  const org = orgId ? (byId.get(orgId) ?? null) : null;

  if (!orgs?.length) return <OrgsPending orgs={orgs} />;

  const columns: ColumnsType<RankingItem> = [
    { title: '名次', dataIndex: 'rank', width: 70, render: (r: number) => <span data-testid="ranking-rank">{r}</span> },
    {
      title: '姓名',
      dataIndex: 'name',
      width: 120,
      render: (name: string, r) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          data-testid={`ranking-member-${r.memberId}`}
          onClick={() => setLedgerOf({ memberId: r.memberId, name: r.name, orgName: r.orgName })}
        >
          {name}
        </Button>
      ),
    },
    { title: '所在组织', dataIndex: 'orgName', ellipsis: true },
    { title: '积分', dataIndex: 'points', width: 90, render: (p: number) => <span data-testid="ranking-points">{p}</span> },
  ];

  return (
    <Row gutter={16} wrap={false}>
      <Col flex="300px">
        <OrgTreeCard orgs={orgs} selectedId={orgId} onSelect={(id) => (setOrgId(id), paging.firstPage())} />
      </Col>
      <Col flex="auto" style={{ minWidth: 0 }}>
        <Card size="small" title={org ? `${org.name} · 积分排名` : '积分排名'}>
          <Space wrap style={{ marginBottom: 12, display: 'flex' }}>
            <PeriodPicker value={period} onChange={(p) => (setPeriod(p), paging.firstPage())} />
            {org && <RankingExport org={org} period={period} />}
          </Space>
          {org?.kind === 'branch' && <BranchRankingSwitch key={org.id} orgId={org.id} canChange={isAdmin} />}
          <PagedTable<RankingItem>
            rowKey="memberId"
            columns={columns}
            list={rankings}
            data-testid="ranking-table"
            paging={paging}
            unit="人"
            pagination={{ showSizeChanger: true }}
          />
        </Card>
      </Col>
      <MemberLedgerDrawer member={ledgerOf} period={period} canEdit={isAdmin} onClose={() => setLedgerOf(null)} />
    </Row>
  );
}

function RankingExport(props: { org: OrgNode; period: string }) {
  const run = async () => {
    const n = await exportRanking(props.org.id, props.org.name, props.period, periodLabel(props.period));
    return `已导出 ${n} 人的积分排名`;
  };
  return <ExportButton run={run} testId="ranking-export" />;
}

/**
 * 向党员公开本支部个人排名: off by default (减负: no forced rankings); an admin may turn it on
 * for one branch. Admins always see rankings here, for the yearly appraisal.
 */
function BranchRankingSwitch(props: { orgId: string; canChange: boolean }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const settings = usePointsSettings(props.orgId);
  const shown = settings.data?.showMemberRanking ?? null;
  const update = useMutation({
    mutationFn: (on: boolean) => updatePointsSettings(props.orgId, on),
    onSuccess: (s) => {
      queryClient.setQueryData(pointsKeys.settings(props.orgId), s);
      message.success(s.showMemberRanking ? '已向本支部党员公开个人排名' : '已关闭本支部个人排名');
    },
  });
  // An error has been shown by the wrapper.
  const change = (on: boolean) => update.mutate(on);

  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      title={
        <Space wrap>
          <Switch
            checked={!!shown}
            loading={update.isPending || shown === null}
            disabled={!props.canChange}
            onChange={(on) => void change(on)}
            aria-label="向党员公开本支部个人排名"
            data-testid="ranking-visible-switch"
          />
          <Typography.Text strong>向党员公开本支部个人排名</Typography.Text>
        </Space>
      }
      description="默认不公开。按照减负要求，不得强制进行积分排名；开启后，本支部党员可在小程序中看到本支部的个人积分排名，请结合实际审慎开启。管理员在此处查看排名不受影响。"
    />
  );
}
