/** 组织与党员: the org tree on the left, the selected org's members on the right. */
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Row, Space } from 'antd';
import { useState } from 'react';
import { exportRoster, memberKeys } from '../../api/members';
import { ExportButton } from '../../components/ExportButton';
import { OrgsPending } from '../../components/OrgsPending';
import { useOrgChoice } from '../../hooks/useOrgs';
import { hasRole, useSession } from '../../auth/session';
import { ImportModal } from './ImportModal';
import { MemberFilterBar } from './MemberFilterBar';
import { MemberFormDrawer } from './MemberFormDrawer';
import { MemberTable } from './MemberTable';
import { OrgTreeCard } from './OrgTree';
import { INITIAL_FILTERS, useMemberPage, type MemberFilters } from './useMemberPage';

/** The roster screen. */
export function RosterPage() {
  const { user } = useSession();
  const { orgs, orgId, setOrgId } = useOrgChoice();
  const [filters, setFilters] = useState<MemberFilters>(INITIAL_FILTERS);
  const { data, loading } = useMemberPage(orgId, filters);
  const queryClient = useQueryClient();
  const reload = () => void queryClient.invalidateQueries({ queryKey: memberKeys.lists });
  // null: drawer closed; { id: null }: creating; { id }: editing that member.
  const [editing, setEditing] = useState<{ id: string | null } | null>(null);
  const [importing, setImporting] = useState(false);

  const patchFilters = (patch: Partial<MemberFilters>) => setFilters((f) => ({ ...f, ...patch }));

  if (!orgs?.length) return <OrgsPending orgs={orgs} />;

  return (
    <Row gutter={16} wrap={false}>
      <Col flex="240px" style={{ minWidth: 0 }}>
        <OrgTreeCard orgs={orgs} selectedId={orgId} onSelect={(id) => (setOrgId(id), patchFilters({ page: 1 }))} />
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
            <RosterExport orgId={orgId} reveal={filters.reveal} />
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
        onSaved={() => setEditing(null)}
      />
      <ImportModal open={importing} onClose={() => setImporting(false)} onImported={reload} />
    </Row>
  );
}

/**
 * 导出: the selected org subtree's roster as .xlsx, fetched with the token (a plain link has none).
 * Masked like the screen: full numbers only while 显示完整信息 is on (the server audits it) — the
 * file to fix and import again, each member's org written as its full path.
 */
function RosterExport(props: { orgId: string | null; reveal: boolean }) {
  return (
    <ExportButton
      run={() => exportRoster(props.orgId ?? undefined, props.reveal)}
      label={props.reveal ? '导出（完整信息）' : '导出'}
      testId="roster-export"
    />
  );
}
