/** 组织与党员: the org tree on the left, the selected org's members on the right. */
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { OrgNode } from '@djzy/shared';
import { Button, Card, Col, Empty, Row, Space, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { exportRoster } from '../../api/members';
import { fetchOrgTree } from '../../api/orgs';
import { hasRole, useSession } from '../../auth/session';
import { ImportModal } from './ImportModal';
import { MemberFilterBar } from './MemberFilterBar';
import { MemberFormDrawer } from './MemberFormDrawer';
import { MemberTable } from './MemberTable';
import { OrgTree } from './OrgTree';
import { INITIAL_FILTERS, useMemberPage, type MemberFilters } from './useMemberPage';

/** The roster screen. */
export function RosterPage() {
  const { user } = useSession();
  const [orgs, setOrgs] = useState<OrgNode[] | null>(null);
  const [orgId, setOrgId] = useState<string | null>(null);
  const [filters, setFilters] = useState<MemberFilters>(INITIAL_FILTERS);
  const { data, loading, reload } = useMemberPage(orgId, filters);
  // null: drawer closed; { id: null }: creating; { id }: editing that member.
  const [editing, setEditing] = useState<{ id: string | null } | null>(null);
  const [importing, setImporting] = useState(false);

  useEffect(() => {
    fetchOrgTree().then(
      (tree) => {
        setOrgs(tree);
        // Start on the top of the caller's scope: the whole county or township.
        if (tree.length) setOrgId((cur) => cur ?? tree[0].id);
      },
      () => setOrgs([]),
    );
  }, []);

  const patchFilters = (patch: Partial<MemberFilters>) => setFilters((f) => ({ ...f, ...patch }));

  if (orgs === null) return <Spin style={{ display: 'block', marginTop: 80 }} />;
  if (!orgs.length) return <Empty description="您的权限范围内没有组织" />;

  return (
    <Row gutter={16} wrap={false}>
      <Col flex="300px">
        <Card
          title="组织架构"
          size="small"
          styles={{ body: { maxHeight: 'calc(100vh - 180px)', overflow: 'auto' } }}
          data-testid="org-tree"
        >
          <OrgTree orgs={orgs} selectedId={orgId} onSelect={(id) => (setOrgId(id), patchFilters({ page: 1 }))} />
        </Card>
      </Col>
      <Col flex="auto" style={{ minWidth: 0 }}>
        <Card size="small" title="党员名册">
          <MemberFilterBar filters={filters} canReveal={hasRole(user, 'admin')} onChange={patchFilters} />
          <Space wrap style={{ marginBottom: 12, display: 'flex' }}>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ id: null })}>
              新增党员
            </Button>
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
              导入名册
            </Button>
            <ExportButton orgId={orgId} reveal={filters.reveal} />
          </Space>
          <MemberTable
            items={data.items}
            total={data.total}
            page={filters.page}
            pageSize={filters.pageSize}
            loading={loading}
            onPageChange={(page, pageSize) => patchFilters({ page, pageSize })}
            onEdit={(m) => setEditing({ id: m.id })}
          />
        </Card>
      </Col>
      <MemberFormDrawer
        open={editing !== null}
        memberId={editing?.id ?? null}
        orgs={orgs}
        defaultOrgId={orgId}
        reveal={filters.reveal}
        onClose={() => setEditing(null)}
        onSaved={() => (setEditing(null), reload())}
      />
      <ImportModal open={importing} onClose={() => setImporting(false)} onImported={reload} />
    </Row>
  );
}

/**
 * 导出: the selected org subtree's roster as .xlsx, fetched with the token (a plain link has none).
 * Masked like the screen: full numbers only while 显示完整信息 is on (the server audits it).
 */
function ExportButton(props: { orgId: string | null; reveal: boolean }) {
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await exportRoster(props.orgId ?? undefined, props.reveal);
    } catch {
      /* the wrapper has shown the message */
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void run()}>
      导出
    </Button>
  );
}
