/** 组织与党员: the org tree on the left, the selected org's members on the right. */
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  MEMBER_STATUSES,
  MEMBER_STATUS_LABELS,
  type MemberStatus,
  type MemberSummary,
  type OrgNode,
  type Page,
} from '@djzy/shared';
import { Button, Card, Checkbox, Col, Empty, Input, Row, Select, Space, Spin, Switch, Tooltip } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { exportRoster, listMembers } from '../../api/members';
import { fetchOrgTree } from '../../api/orgs';
import { hasRole, useSession } from '../../auth/session';
import { ImportModal } from './ImportModal';
import { MemberFormDrawer } from './MemberFormDrawer';
import { MemberTable } from './MemberTable';
import { OrgTree } from './OrgTree';

interface Filters {
  q: string;
  status?: MemberStatus;
  mobile: boolean;
  page: number;
  pageSize: number;
}
const FIRST_PAGE: Filters = { q: '', mobile: false, page: 1, pageSize: 20 };

/** The roster screen. */
export function RosterPage() {
  const { user } = useSession();
  const isAdmin = hasRole(user, 'admin');
  const [orgs, setOrgs] = useState<OrgNode[] | null>(null);
  const [orgId, setOrgId] = useState<string | null>(null);
  const [filters, setFilters] = useState<Filters>(FIRST_PAGE);
  const [reveal, setReveal] = useState(false);
  const [data, setData] = useState<Page<MemberSummary>>({
    items: [],
    total: 0,
  });
  const [loading, setLoading] = useState(false);
  const [reloadTick, setReloadTick] = useState(0);
  const [editing, setEditing] = useState<{ id: string | null } | null>(null);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const reload = useCallback(() => setReloadTick((t) => t + 1), []);

  useEffect(() => {
    fetchOrgTree().then(
      (tree) => {
        setOrgs(tree);
        if (tree.length) setOrgId((cur) => cur ?? tree[0].id);
      },
      () => setOrgs([]),
    );
  }, []);

  useEffect(() => {
    if (!orgId) return;
    let live = true;
    setLoading(true);
    listMembers({
      orgId,
      q: filters.q.trim() || undefined,
      status: filters.status,
      mobile: filters.mobile || undefined,
      reveal: reveal || undefined,
      page: filters.page,
      pageSize: filters.pageSize,
    })
      .then((page) => live && setData(page))
      .catch(() => undefined) // the wrapper has shown the message; keep the last page on screen
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [orgId, filters, reveal, reloadTick]);

  const selectOrg = (id: string) => {
    setOrgId(id);
    setFilters((f) => ({ ...f, page: 1 }));
  };

  const doExport = async () => {
    setExporting(true);
    try {
      await exportRoster(orgId ?? undefined);
    } catch {
      /* shown by the wrapper */
    } finally {
      setExporting(false);
    }
  };

  if (orgs === null) return <Spin style={{ display: 'block', marginTop: 80 }} />;
  if (!orgs.length) return <Empty description="您的权限范围内没有组织" />;

  return (
    <Row gutter={16} wrap={false}>
      <Col flex="300px">
        <Card
          title="组织架构"
          size="small"
          styles={{
            body: { maxHeight: 'calc(100vh - 180px)', overflow: 'auto' },
          }}
          data-testid="org-tree"
        >
          <OrgTree orgs={orgs} selectedId={orgId} onSelect={selectOrg} />
        </Card>
      </Col>
      <Col flex="auto" style={{ minWidth: 0 }}>
        <Card size="small" title="党员名册">
          <Space wrap style={{ marginBottom: 12 }}>
            <Input.Search
              allowClear
              placeholder="姓名，或完整手机号/身份证号"
              style={{ width: 280 }}
              enterButton="搜索"
              onSearch={(q) => setFilters((f) => ({ ...f, q, page: 1 }))}
              data-testid="member-search"
            />
            <Select<MemberStatus>
              allowClear
              placeholder="人员类别"
              style={{ width: 140 }}
              value={filters.status}
              onChange={(status) => setFilters((f) => ({ ...f, status, page: 1 }))}
              options={MEMBER_STATUSES.map((s) => ({
                value: s,
                label: MEMBER_STATUS_LABELS[s],
              }))}
            />
            <Checkbox
              checked={filters.mobile}
              onChange={(e) => setFilters((f) => ({ ...f, mobile: e.target.checked, page: 1 }))}
            >
              仅流动党员
            </Checkbox>
            {isAdmin && (
              <Tooltip title="显示完整手机号和身份证号，每次查看都会记录在审计日志中">
                <Space size={4}>
                  <Switch checked={reveal} onChange={setReveal} data-testid="reveal-switch" aria-label="显示完整信息" />
                  <span>显示完整信息</span>
                </Space>
              </Tooltip>
            )}
          </Space>
          <Space wrap style={{ marginBottom: 12, display: 'flex' }}>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ id: null })}>
              新增党员
            </Button>
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
              导入名册
            </Button>
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void doExport()}>
              导出
            </Button>
          </Space>
          <MemberTable
            items={data.items}
            total={data.total}
            page={filters.page}
            pageSize={filters.pageSize}
            loading={loading}
            onPageChange={(page, pageSize) => setFilters((f) => ({ ...f, page, pageSize }))}
            onEdit={(m) => setEditing({ id: m.id })}
          />
        </Card>
      </Col>
      <MemberFormDrawer
        open={editing !== null}
        memberId={editing?.id ?? null}
        orgs={orgs}
        defaultOrgId={orgId}
        reveal={reveal}
        onClose={() => setEditing(null)}
        onSaved={() => (setEditing(null), reload())}
      />
      <ImportModal open={importing} onClose={() => setImporting(false)} onImported={reload} />
    </Row>
  );
}
