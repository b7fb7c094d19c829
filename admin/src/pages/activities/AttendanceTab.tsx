/**
 * 考勤: 应到 (those who should attend) and present / excused / absent with the rate; 列席,
 * 非党员列席 and 流动在外 apart (never counted in 应到), each with their check-in if any; 代签 (check in a member without a phone, found by
 * name, or several ticked at once from the paper sheet: 确认代签 N 人), pending leave to approve or reject, 导出签到表 and, after the end, 结算考勤.
 */
import { ReloadOutlined } from '@ant-design/icons';
import {
  ATTENDEE_STANDING_LABELS,
  attendanceApartText,
  CHECKIN_METHOD_LABELS,
  MAX_BATCH_CHECKINS,
  ROSTER_CHECKIN_AFTER_END_MS,
  type ActivityView,
  type AttendanceRow,
  type LeaveRequestView,
} from '@djzy/shared';
import { Alert, App, Button, Empty, Input, Space, Spin, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  activityKeys,
  closeAttendance,
  decideLeave,
  exportAttendance,
  rosterCheckIn,
  rosterCheckInMany,
  useAttendance,
} from '../../api/activities';
import { ExportButton } from '../../components/ExportButton';
import { percent } from './labels';

const time = (v: string | null) => (v ? dayjs(v).format('MM-DD HH:mm') : '—');

/** What a batch 代签 did: how many were checked in, and each member refused with the reason. */
interface BatchOutcome {
  checkedIn: number;
  already: number;
  refused: { memberId: string; name: string; reason: string }[];
}

/** Props of AttendanceTab: the activity; `onChanged` refreshes its header (the count). */
export interface AttendanceTabProps {
  activity: ActivityView;
  onChanged(): void;
}

/** The attendance of one activity. */
export function AttendanceTab({ activity, onChanged }: AttendanceTabProps) {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const data = useAttendance(activity.id).data ?? null;
  const [q, setQ] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [tab, setTab] = useState('absent');
  const [selected, setSelected] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<BatchOutcome | null>(null);

  const load = () => void queryClient.invalidateQueries({ queryKey: activityKeys.attendance(activity.id) });

  const ended = dayjs(activity.endsAt).isBefore(dayjs());
  const rosterOpen = activity.status === 'published' && Date.now() <= dayjs(activity.endsAt).valueOf() + ROSTER_CHECKIN_AFTER_END_MS;

  const checkIn = async (row: AttendanceRow) => {
    setBusy(`checkin-${row.memberId}`);
    try {
      await rosterCheckIn(activity.id, row.memberId);
      message.success(`已为${row.name}代签`);
      load();
      onChanged();
    } catch {
      /* shown by the wrapper */
    } finally {
      setBusy(null);
    }
  };

  /** 确认代签 N 人: the ticked members in one call per MAX_BATCH_CHECKINS, then what happened to each. */
  const checkInSelected = () => {
    const names = new Map((data?.absent ?? []).map((r) => [r.memberId, r.name]));
    const ids = selected.filter((id) => names.has(id));
    if (!ids.length) return;
    modal.confirm({
      title: `确认代签 ${ids.length} 人`,
      content: `将为 ${ids
        .slice(0, 10)
        .map((id) => names.get(id))
        .join('、')}${ids.length > 10 ? ` 等 ${ids.length} 人` : ''}代签（按签到表上的本人签名）。`,
      okText: '确认代签',
      cancelText: '取消',
      onOk: async () => {
        const results = [];
        try {
          for (let i = 0; i < ids.length; i += MAX_BATCH_CHECKINS)
            results.push(...(await rosterCheckInMany(activity.id, ids.slice(i, i + MAX_BATCH_CHECKINS))).results);
        } catch {
          /* shown by the wrapper; what was done before it is reported below */
        }
        if (!results.length) return;
        const done: BatchOutcome = {
          checkedIn: results.filter((r) => r.created).length,
          already: results.filter((r) => !r.created && !r.error).length,
          refused: results
            .filter((r) => r.error)
            .map((r) => ({ memberId: r.memberId, name: names.get(r.memberId) ?? r.memberId, reason: r.error?.message ?? '' })),
        };
        setOutcome(done);
        setSelected([]);
        if (done.refused.length) message.warning(`已代签 ${done.checkedIn} 人，${done.refused.length} 人未能代签`);
        else message.success(`已代签 ${done.checkedIn} 人`);
        load();
        onChanged();
      },
    });
  };

  const decide = async (l: LeaveRequestView, approve: boolean) => {
    setBusy(`leave-${l.id}`);
    try {
      await decideLeave(l.id, approve);
      message.success(approve ? `已准假：${l.memberName}` : `未准假：${l.memberName}`);
      load();
    } catch {
      /* shown by the wrapper */
    } finally {
      setBusy(null);
    }
  };

  const settle = () =>
    modal.confirm({
      title: '结算考勤',
      content: '结算后，无故缺席的党员按积分规则扣分；连续缺席达到次数的党员将收到限期整改通知书。确定结算吗？',
      okText: '结算',
      cancelText: '取消',
      onOk: async () => {
        const res = await closeAttendance(activity.id).catch(() => null);
        if (!res) return;
        message.success(`考勤已结算：缺席 ${res.absent} 人，新发限期整改通知书 ${res.notices} 份`);
        load();
      },
    });

  if (!data) return <Spin style={{ display: 'block', margin: '40px auto' }} />;

  const base: ColumnsType<AttendanceRow> = [
    { title: '姓名', dataIndex: 'name', width: 120 },
    { title: '所在组织', dataIndex: 'orgName', ellipsis: true },
  ];
  const presentColumns: ColumnsType<AttendanceRow> = [
    ...base,
    {
      title: '签到方式',
      dataIndex: 'method',
      width: 110,
      render: (m: AttendanceRow['method']) =>
        m ? <Tag color={m === 'roster' ? 'blue' : m === 'online' ? 'purple' : undefined}>{CHECKIN_METHOD_LABELS[m]}</Tag> : '—',
    },
    { title: '签到时间', dataIndex: 'checkedInAt', width: 130, render: time },
  ];
  // 列席, non-members and members away: whether and how they came.
  const apartColumns: ColumnsType<AttendanceRow> = [
    ...base,
    {
      title: '签到',
      dataIndex: 'method',
      width: 110,
      render: (m: AttendanceRow['method']) => (m ? <Tag color="green">{CHECKIN_METHOD_LABELS[m]}</Tag> : <Tag>未签到</Tag>),
    },
    { title: '签到时间', dataIndex: 'checkedInAt', width: 130, render: time },
  ];
  const excusedColumns: ColumnsType<AttendanceRow> = [...base, { title: '请假事由', dataIndex: 'leaveReason', ellipsis: true }];
  const absentColumns: ColumnsType<AttendanceRow> = [
    ...base,
    {
      title: '操作',
      key: 'actions',
      width: 100,
      render: (_, r) =>
        rosterOpen && (
          <Button
            size="small"
            loading={busy === `checkin-${r.memberId}`}
            onClick={() => void checkIn(r)}
            data-testid={`roster-checkin-${r.memberId}`}
          >
            代签
          </Button>
        ),
    },
  ];
  const leaveColumns: ColumnsType<LeaveRequestView> = [
    { title: '姓名', dataIndex: 'memberName', width: 120 },
    { title: '请假事由', dataIndex: 'reason', ellipsis: true },
    { title: '提交时间', dataIndex: 'createdAt', width: 130, render: time },
    {
      title: '审批',
      key: 'actions',
      width: 170,
      render: (_, l) => (
        <Space size={4}>
          <Button
            size="small"
            type="primary"
            loading={busy === `leave-${l.id}`}
            onClick={() => void decide(l, true)}
            data-testid={`leave-approve-${l.id}`}
          >
            准假
          </Button>
          <Button
            size="small"
            disabled={busy === `leave-${l.id}`}
            onClick={() => void decide(l, false)}
            data-testid={`leave-reject-${l.id}`}
          >
            不准假
          </Button>
        </Space>
      ),
    },
  ];

  // Ticked members who have since signed in themselves are no longer in the list: not counted.
  const absentIds = new Set(data.absent.map((r) => r.memberId));
  const ticked = selected.filter((id) => absentIds.has(id));
  const needle = q.trim();
  const absent = needle ? data.absent.filter((r) => r.name.includes(needle)) : data.absent;
  // Listed apart, each only when someone is in it.
  const apart = [
    { key: 'observers', label: ATTENDEE_STANDING_LABELS.observer, rows: data.observers },
    { key: 'guests', label: ATTENDEE_STANDING_LABELS.guest, rows: data.guests },
    { key: 'away', label: ATTENDEE_STANDING_LABELS.away, rows: data.away },
  ].filter((g) => g.rows.length > 0);

  return (
    <div data-testid="attendance">
      <Space size={40} wrap style={{ marginBottom: 12 }}>
        <Statistic title="应到" value={data.expected} suffix="人" data-testid="att-expected" />
        <Statistic title="实到" value={data.present.length} suffix="人" data-testid="att-present" />
        <Statistic title="请假" value={data.excused.length} suffix="人" />
        <Statistic title={data.closed ? '缺席' : '未签到'} value={data.absent.length} suffix="人" data-testid="att-absent" />
        <Statistic title="待审批请假" value={data.pendingLeave.length} suffix="条" />
        <Statistic title="出席率" value={percent(data.rate)} data-testid="att-rate" />
      </Space>
      {apart.length > 0 && (
        <Typography.Paragraph type="secondary" data-testid="attendance-apart">
          {attendanceApartText(data)}，也不计入出席率。
        </Typography.Paragraph>
      )}
      <Space wrap style={{ marginBottom: 12, display: 'flex' }}>
        <Button icon={<ReloadOutlined />} onClick={load}>
          刷新
        </Button>
        <ExportButton
          run={() => exportAttendance(activity.id, `${activity.title}签到表.xlsx`)}
          testId="attendance-export"
          label="导出签到表"
        />
        {ended && activity.status === 'published' && (
          <Button type="primary" onClick={settle} data-testid="attendance-close">
            结算考勤
          </Button>
        )}
        {!ended && <Typography.Text type="secondary">活动结束后可结算考勤（缺席扣分并跟进连续缺席的党员）。</Typography.Text>}
      </Space>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'absent',
            label: `${data.closed ? '缺席' : '未签到'}（${data.absent.length}）`,
            children: (
              <>
                {outcome && (
                  <Alert
                    type={outcome.refused.length ? 'warning' : 'success'}
                    showIcon
                    closable
                    onClose={() => setOutcome(null)}
                    style={{ marginBottom: 8 }}
                    data-testid="batch-checkin-result"
                    title={`已代签 ${outcome.checkedIn} 人${outcome.already ? `，${outcome.already} 人此前已签到` : ''}${
                      outcome.refused.length ? `，${outcome.refused.length} 人未能代签` : ''
                    }`}
                    description={
                      outcome.refused.length ? (
                        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                          {outcome.refused.map((r) => (
                            <li key={r.memberId} data-testid={`batch-refused-${r.memberId}`}>
                              {r.name}：{r.reason}
                            </li>
                          ))}
                        </ul>
                      ) : undefined
                    }
                  />
                )}
                <Space wrap style={{ marginBottom: 8 }}>
                  <Input.Search
                    id="absent-search"
                    allowClear
                    placeholder="按姓名查找党员，为没有手机的党员代签"
                    style={{ width: 320 }}
                    value={q}
                    onChange={(e) => setQ(e.target.value)}
                  />
                  {rosterOpen && (
                    <>
                      <Button type="primary" disabled={!ticked.length} onClick={checkInSelected} data-testid="batch-checkin">
                        {ticked.length ? `确认代签 ${ticked.length} 人` : '勾选党员后批量代签'}
                      </Button>
                      {ticked.length > 0 && (
                        <Button type="link" size="small" onClick={() => setSelected([])}>
                          清除勾选
                        </Button>
                      )}
                    </>
                  )}
                </Space>
                <Table<AttendanceRow>
                  rowKey="memberId"
                  size="small"
                  rowSelection={
                    rosterOpen
                      ? { selectedRowKeys: ticked, onChange: (keys) => setSelected(keys as string[]), preserveSelectedRowKeys: true }
                      : undefined
                  }
                  columns={absentColumns}
                  dataSource={absent}
                  pagination={{ pageSize: 20 }}
                  data-testid="absent-table"
                />
              </>
            ),
          },
          {
            key: 'present',
            label: `出席（${data.present.length}）`,
            children: (
              <Table<AttendanceRow>
                rowKey="memberId"
                size="small"
                columns={presentColumns}
                dataSource={data.present}
                pagination={{ pageSize: 20 }}
                data-testid="present-table"
              />
            ),
          },
          {
            key: 'excused',
            label: `请假（${data.excused.length}）`,
            children: (
              <Table<AttendanceRow>
                rowKey="memberId"
                size="small"
                columns={excusedColumns}
                dataSource={data.excused}
                pagination={{ pageSize: 20 }}
              />
            ),
          },
          ...apart.map((g) => ({
            key: g.key,
            label: `${g.label}（${g.rows.length}）`,
            children: (
              <Table<AttendanceRow>
                rowKey="memberId"
                size="small"
                columns={apartColumns}
                dataSource={g.rows}
                pagination={{ pageSize: 20 }}
                data-testid={`${g.key}-table`}
              />
            ),
          })),
          {
            key: 'leave',
            label: `待审批请假（${data.pendingLeave.length}）`,
            children: data.pendingLeave.length ? (
              <Table<LeaveRequestView>
                rowKey="id"
                size="small"
                columns={leaveColumns}
                dataSource={data.pendingLeave}
                pagination={false}
                data-testid="leave-table"
              />
            ) : (
              <Empty description="没有待审批的请假" />
            ),
          },
        ]}
      />
    </div>
  );
}
