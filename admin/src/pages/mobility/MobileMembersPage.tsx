/**
 * 流动党员台账: the mobile members of an org, most overdue first, with server paging; filters by
 * status, overdue and escalated (past twice the interval); 导出 of the filtered list; per member
 * the contact log, the record's edit (and a new contact cadre), and 登记返乡; 登记流出 in a branch.
 */
import { PlusOutlined, SettingOutlined } from '@ant-design/icons';
import {
  ApiError,
  type MobileMemberListQuery,
  type MobileMemberView,
  MOBILITY_STATUS_LABELS,
  MOBILITY_STATUSES,
  type MobilityStatus,
} from '@djzy/shared';
import { App, Button, Card, Checkbox, Select, Space, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { mobilityKeys, upsertMobility, useMobileMembers } from '../../api/mobility';
import { ExportButton } from '../../components/ExportButton';
import { OrgsPending } from '../../components/OrgsPending';
import { PagedTable } from '../../components/PagedTable';
import { usePaging } from '../../hooks/usePaging';
import { flattenOrgs, OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useOrgChoice } from '../../hooks/useOrgs';
import { ContactDrawer } from './ContactDrawer';
import { exportMobileMembers } from './exportMobileMembers';
import { MobilityFormModal, type MobilityFormTarget } from './MobilityFormModal';
import { SettingsModal } from './SettingsModal';
import { dateOf } from './shared';

const STATUS_COLORS: Record<MobilityStatus, string> = { away: 'blue', returned: 'default', lost_contact: 'red' };

/** The ledger screen. */
export function MobileMembersPage() {
  const { message, modal } = App.useApp();
  const [params, setParams] = useSearchParams();
  const { orgs, orgId, setOrgId } = useOrgChoice(params.get('orgId'));
  const queryClient = useQueryClient();
  const cadreId = params.get('cadreId') ?? undefined;
  const cadreName = params.get('cadreName');
  const [status, setStatus] = useState<MobilityStatus | undefined>();
  const [overdue, setOverdue] = useState(false);
  const [escalated, setEscalated] = useState(false);
  const paging = usePaging();
  const [contactOf, setContactOf] = useState<MobileMemberView | null>(null);
  const [formTarget, setFormTarget] = useState<MobilityFormTarget | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);

  const byId = useMemo(() => new Map(flattenOrgs(orgs ?? []).map((o) => [o.id, o])), [orgs]);
  const org = orgId ? (byId.get(orgId) ?? null) : null;
  const filters = useMemo<Omit<MobileMemberListQuery, 'page' | 'pageSize'>>(
    () => ({ orgId: orgId ?? undefined, status, overdue, escalated, cadreId }),
    [orgId, status, overdue, escalated, cadreId],
  );

  const list = useMobileMembers(filters.orgId ? { ...filters, page: paging.page, pageSize: paging.pageSize } : null);

  const reload = () => void queryClient.invalidateQueries({ queryKey: mobilityKeys.all });
  /** A filter changed: back to the first page. */
  const refilter =
    <T,>(set: (v: T) => void) =>
    (v: T) => (set(v), paging.firstPage());

  const markReturned = (r: MobileMemberView) => {
    if (!r.leftAt || !r.contactCadre) {
      setFormTarget({ kind: 'edit', record: r });
      return;
    }
    const { leftAt, contactCadre } = r;
    modal.confirm({
      title: `登记${r.member.name}返乡？`,
      content: '登记后不再计算联系周期和逾期；以后再外出，可重新登记流出。',
      okText: '确认返乡',
      onOk: async () => {
        try {
          await upsertMobility(r.member.id, {
            destination: r.destination,
            employer: r.employer ?? undefined,
            leftAt,
            expectedReturnAt: r.expectedReturnAt ?? undefined,
            contactCadreId: contactCadre.id,
            intervalDays: r.intervalDays,
            status: 'returned',
          });
          message.success(`已登记${r.member.name}返乡`);
          reload();
        } catch (e) {
          message.error(e instanceof ApiError ? e.message : '登记失败，请重试');
        }
      },
    });
  };

  const exportList = async () => {
    if (!org) return;
    const text = [
      status && MOBILITY_STATUS_LABELS[status],
      overdue && '仅逾期',
      escalated && '仅超期两倍',
      cadreName && `联系干部${cadreName}`,
    ]
      .filter(Boolean)
      .join('，');
    const n = await exportMobileMembers(filters, org.name, text);
    return `已导出 ${n} 名流动党员`;
  };

  if (!orgs?.length) return <OrgsPending orgs={orgs} />;

  const canFlowOut = org?.kind === 'branch' || org?.kind === 'group';
  const columns: ColumnsType<MobileMemberView> = [
    {
      title: '姓名',
      key: 'name',
      width: 96,
      fixed: 'left',
      render: (_: unknown, r) => (
        <span data-testid="mobile-name">
          {r.member.name}
          {r.status !== 'away' && (
            <Tag color={STATUS_COLORS[r.status]} style={{ marginInlineStart: 4 }}>
              {MOBILITY_STATUS_LABELS[r.status]}
            </Tag>
          )}
        </span>
      ),
    },
    {
      title: '所在支部',
      key: 'branch',
      ellipsis: { showTitle: false },
      render: (_: unknown, r) => <EllipsisText text={r.member.branchName ?? r.member.orgName} />,
    },
    {
      // 工作单位 under the place, in grey: one column for where the member is.
      title: '外出地点',
      key: 'destination',
      ellipsis: { showTitle: false },
      render: (_: unknown, r) => (
        <Tooltip title={[r.destination, r.employer].filter(Boolean).join(' · ')} placement="topLeft">
          <div style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{r.destination}</div>
          {r.employer && (
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', overflow: 'hidden', textOverflow: 'ellipsis' }}>
              {r.employer}
            </Typography.Text>
          )}
        </Tooltip>
      ),
    },
    { title: '外出时间', dataIndex: 'leftAt', width: 100, render: (v: string | null) => v ?? '—' },
    {
      title: '联系干部',
      key: 'cadre',
      width: 90,
      render: (_: unknown, r) =>
        r.contactCadre ? (
          <Tooltip title={r.contactCadre.phone ?? undefined}>
            <span data-testid="mobile-cadre">{r.contactCadre.name}</span>
          </Tooltip>
        ) : (
          <Typography.Text type="warning">未指定</Typography.Text>
        ),
    },
    {
      // The cycle in grey under the date: 上次联系 is read against it.
      title: '上次联系',
      dataIndex: 'lastContactAt',
      width: 104,
      render: (v: string | null, r) => (
        <>
          {v ? dateOf(v) : <Typography.Text type="secondary">从未联系</Typography.Text>}
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }} data-testid="mobile-interval">
            每 {r.intervalDays} 天
          </Typography.Text>
        </>
      ),
    },
    {
      title: '逾期天数',
      dataIndex: 'overdueDays',
      width: 100,
      render: (d: number, r) => (
        <Space size={4}>
          <Typography.Text type={d > 0 ? 'danger' : undefined} strong={d > 0} data-testid="mobile-overdue" data-value={String(d)}>
            {d}
          </Typography.Text>
          {r.escalated && (
            <Tooltip title="超过联系周期两倍仍未联系">
              <Tag color="red" data-testid="mobile-escalated">
                超期
              </Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 184,
      // Always in view, however narrow the screen: the table scrolls under it.
      fixed: 'right',
      render: (_: unknown, r) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setContactOf(r)} data-testid="mobile-contacts">
            联系记录
          </Button>
          <Button type="link" size="small" onClick={() => setFormTarget({ kind: 'edit', record: r })} data-testid="mobile-edit">
            编辑
          </Button>
          <Button
            type="link"
            size="small"
            onClick={() => setFormTarget({ kind: 'edit', record: r, focus: 'cadre' })}
            data-testid="mobile-reassign"
          >
            更换联系干部
          </Button>
          {r.status !== 'returned' && (
            <Button type="link" size="small" onClick={() => markReturned(r)} data-testid="mobile-return">
              登记返乡
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card size="small" title={org ? `${org.name} · 流动党员台账` : '流动党员台账'}>
      <Space wrap style={{ marginBottom: 12, display: 'flex' }}>
        <OrgTreeSelect orgs={orgs} value={orgId} onChange={refilter(setOrgId)} />
        <Select<MobilityStatus>
          allowClear
          placeholder="全部状态"
          style={{ width: 120 }}
          value={status}
          onChange={refilter(setStatus)}
          options={MOBILITY_STATUSES.map((s) => ({ value: s, label: MOBILITY_STATUS_LABELS[s] }))}
          data-testid="mobile-status-filter"
        />
        <Checkbox checked={overdue} onChange={(e) => refilter(setOverdue)(e.target.checked)} data-testid="mobile-overdue-filter">
          仅逾期
        </Checkbox>
        <Checkbox checked={escalated} onChange={(e) => refilter(setEscalated)(e.target.checked)} data-testid="mobile-escalated-filter">
          仅超期两倍
        </Checkbox>
        {cadreId && (
          <Tag
            closable
            onClose={() => {
              const next = new URLSearchParams(params);
              next.delete('cadreId');
              next.delete('cadreName');
              setParams(next, { replace: true });
            }}
          >
            联系干部：{cadreName ?? cadreId}
          </Tag>
        )}
        <Tooltip title={canFlowOut ? undefined : '请先选择一个党支部'}>
          <Button
            icon={<PlusOutlined />}
            disabled={!canFlowOut}
            onClick={() => org && setFormTarget({ kind: 'flowOut', org })}
            data-testid="mobile-flow-out"
          >
            登记流出
          </Button>
        </Tooltip>
        {org?.kind === 'township' && (
          <Button icon={<SettingOutlined />} onClick={() => setSettingsOpen(true)} data-testid="mobile-settings">
            乡镇规则
          </Button>
        )}
        <ExportButton run={exportList} testId="mobile-export" />
      </Space>
      <PagedTable<MobileMemberView>
        rowKey={(r) => r.member.id}
        columns={columns}
        list={list}
        tableLayout="fixed"
        // The fixed widths and ~120 px each for 所在支部 and 外出地点: on a 1366 screen the whole
        // ledger is in view; narrower, it scrolls under 姓名 and 操作.
        scroll={{ x: 1000 }}
        data-testid="mobile-table"
        locale={{ emptyText: '没有符合条件的流动党员' }}
        paging={paging}
        unit="人"
        pagination={{ showSizeChanger: true }}
      />
      <ContactDrawer record={contactOf} onClose={() => setContactOf(null)} />
      <MobilityFormModal target={formTarget} orgsById={byId} onClose={() => setFormTarget(null)} onSaved={() => setFormTarget(null)} />
      <SettingsModal
        township={settingsOpen && org?.kind === 'township' ? org : null}
        onClose={() => setSettingsOpen(false)}
        onSaved={() => setSettingsOpen(false)}
      />
    </Card>
  );
}

/** One line cut with an ellipsis, the whole text on hover. */
function EllipsisText(props: { text: string }) {
  return (
    <Tooltip title={props.text} placement="topLeft">
      <span>{props.text}</span>
    </Tooltip>
  );
}
