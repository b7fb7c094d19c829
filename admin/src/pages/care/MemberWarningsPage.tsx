/**
 * 建议关注: members of the chosen org's subtree whom the records suggest the branch secretary talk
 * to — 3 or 6 months without org life (meetings that expected them, missed without leave), dues
 * unpaid 3 or 6 months, mobile members 失联 — each row with why and the records' months. A list
 * to read, not a score or ranking; nothing is done automatically.
 */
import {
  MEMBER_STATUS_LABELS,
  MEMBER_WARNING_LABELS,
  type MemberStatus,
  type MemberWarningKind,
  type MemberWarningRow,
} from '@djzy/shared';
import { Alert, Card, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemberWarnings } from '../../api/appraisal';
import { RecordToolbar, useRecordScope } from '../records/common';

const COLOR: Record<MemberWarningKind, string> = {
  no_org_life_3: 'gold',
  no_org_life_6: 'orange',
  dues_unpaid_3: 'gold',
  dues_unpaid_6: 'orange',
  lost_contact: 'blue',
};

export function MemberWarningsPage() {
  const s = useRecordScope();
  const list = useMemberWarnings(s.orgId);
  const columns: ColumnsType<MemberWarningRow> = [
    { title: '姓名', dataIndex: 'memberName', width: 100 },
    { title: '类别', dataIndex: 'memberStatus', width: 90, render: (st: string) => MEMBER_STATUS_LABELS[st as MemberStatus] ?? st },
    { title: '所在组织', dataIndex: 'orgName', width: 140, ellipsis: true },
    {
      title: '建议关注的原因（据记录）',
      key: 'reasons',
      render: (_, r) =>
        r.reasons.map((x) => (
          <div key={x.kind} style={{ marginBottom: 4 }} data-testid={`warning-${r.memberId}-${x.kind}`}>
            <Tag color={COLOR[x.kind]}>{MEMBER_WARNING_LABELS[x.kind]}</Tag>
            <span>{x.text}</span>
          </div>
        )),
    },
  ];
  return (
    <Card size="small" title="建议关注">
      <RecordToolbar scope={s} prefix="warnings" noYear />
      {list.data && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={list.data.note}
          description={`统计月份：${list.data.months[0]} 至 ${list.data.months[list.data.months.length - 1]}（不含本月）`}
          data-testid="warnings-note"
        />
      )}
      <Table<MemberWarningRow>
        rowKey="memberId"
        size="small"
        columns={columns}
        dataSource={list.data?.rows ?? []}
        loading={list.isFetching}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: '据现有记录，暂无需要关注的党员' }}
        data-testid="warnings-table"
      />
    </Card>
  );
}
