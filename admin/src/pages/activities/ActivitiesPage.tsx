/**
 * 活动管理: the activities of the caller's scope (drafts too) as a list or a month calendar, with
 * filters (org, status, dates), 新建活动, 发布 (活动预告) and 取消活动.
 */
import { EnvironmentOutlined, PlusOutlined } from '@ant-design/icons';
import {
  ACTIVITY_KIND_LABELS,
  ACTIVITY_STATUSES,
  ACTIVITY_STATUS_LABELS,
  CHECKIN_METHOD_LABELS,
  type ActivityStatus,
  type ActivityView,
} from '@djzy/shared';
import { Button, Calendar, Card, DatePicker, Segmented, Select, Space, Spin, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useActivities, useActivitiesBetween } from '../../api/activities';
import { PagedTable } from '../../components/PagedTable';
import { usePaging } from '../../hooks/usePaging';
import { OrgFilter } from '../../components/OrgTreeSelect';
import { useOrgs } from '../../hooks/useOrgs';
import { ActivityFormDrawer } from './ActivityFormDrawer';
import { ActivityStatusTag, timeRange, toIso } from './labels';
import { useActivityActions } from './useActivityActions';

type View = 'list' | 'calendar';

const DOT_COLORS: Record<ActivityStatus, string> = { published: '#52c41a', draft: '#faad14', cancelled: '#bfbfbf' };

interface Filters {
  orgId: string | null;
  status: ActivityStatus | null;
  range: [Dayjs, Dayjs] | null;
}

/** The activities screen. */
export function ActivitiesPage() {
  const orgs = useOrgs();
  const navigate = useNavigate();
  const [view, setView] = useState<View>('list');
  const [filters, setFilters] = useState<Filters>({ orgId: null, status: null, range: null });
  const paging = usePaging();
  const [month, setMonth] = useState<Dayjs>(() => dayjs().startOf('month'));
  const [editing, setEditing] = useState<{ activity: ActivityView | null } | null>(null);
  const { publish, cancel } = useActivityActions();

  const list = useActivities(
    view === 'list'
      ? {
          orgId: filters.orgId ?? undefined,
          status: filters.status ?? undefined,
          from: filters.range ? toIso(filters.range[0].startOf('day')) : undefined,
          to: filters.range ? toIso(filters.range[1].add(1, 'day').startOf('day')) : undefined,
          page: paging.page,
          pageSize: paging.pageSize,
        }
      : null,
  );
  // The calendar shows the whole displayed month (and the days of the neighbours it shows).
  const monthList = useActivitiesBetween(
    view === 'calendar'
      ? {
          orgId: filters.orgId ?? undefined,
          status: filters.status ?? undefined,
          from: toIso(month.startOf('month').startOf('week')),
          to: toIso(month.endOf('month').endOf('week').add(1, 'day').startOf('day')),
        }
      : null,
  );
  const monthItems = monthList.data ?? [];

  const setFilter = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    paging.firstPage();
  };

  // Sized for a 1366 × 768 screen (issue #20): the title keeps the room that is left, with the org
  // beside it — five branches' 主题党日 of the same name are five rows that say whose they are.
  const columns: ColumnsType<ActivityView> = [
    {
      title: '活动名称',
      dataIndex: 'title',
      ellipsis: { showTitle: false },
      render: (t: string, a) => (
        <Tooltip title={`${a.orgName} · ${t}`} placement="topLeft">
          <div style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
            <Link to={`/activities/${a.id}`} data-testid={`activity-link-${a.id}`}>
              {t}
            </Link>
          </div>
          <div style={{ overflow: 'hidden', textOverflow: 'ellipsis', fontSize: 12 }}>
            <Typography.Text type="secondary" data-testid={`activity-org-${a.id}`}>
              {a.orgName}
            </Typography.Text>
            {a.place && (
              <Typography.Text type="secondary" style={{ marginInlineStart: 8 }} data-testid={`activity-place-${a.id}`}>
                <EnvironmentOutlined /> {a.place}
              </Typography.Text>
            )}
          </div>
        </Tooltip>
      ),
    },
    { title: '类型', dataIndex: 'kind', width: 96, render: (k: ActivityView['kind']) => ACTIVITY_KIND_LABELS[k] },
    { title: '时间', key: 'time', width: 176, render: (_, a) => timeRange(a.startsAt, a.endsAt) },
    {
      title: '签到方式',
      dataIndex: 'checkinModes',
      width: 120,
      ellipsis: true,
      render: (m: ActivityView['checkinModes'], a) =>
        m.length ? m.map((x) => CHECKIN_METHOD_LABELS[x]).join('、') : a.studyMode === 'online' ? CHECKIN_METHOD_LABELS.online : '—',
    },
    { title: '状态', dataIndex: 'status', width: 76, render: (s: ActivityStatus) => <ActivityStatusTag status={s} /> },
    {
      title: '签到',
      key: 'attendance',
      width: 128,
      render: (_, a) => (
        <span data-testid={`activity-attendance-${a.id}`}>
          {a.expectedCount === null ? `已签到 ${a.checkedInCount}` : `已签到 ${a.checkedInCount} / 应到 ${a.expectedCount}`}
        </span>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 150,
      fixed: 'right',
      render: (_, a) => (
        <Space size={0}>
          {a.canManage && a.status === 'draft' && (
            <>
              <Button type="link" size="small" onClick={() => publish(a)} data-testid={`activity-publish-${a.id}`}>
                发布
              </Button>
              <Button type="link" size="small" onClick={() => setEditing({ activity: a })}>
                编辑
              </Button>
            </>
          )}
          {a.canManage && a.status !== 'cancelled' && dayjs(a.endsAt).isAfter(dayjs()) && (
            <Button type="link" size="small" danger onClick={() => cancel(a)} data-testid={`activity-cancel-${a.id}`}>
              取消活动
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const dayCell = (date: Dayjs) => {
    const items = monthItems.filter((a) => dayjs(a.startsAt).isSame(date, 'day'));
    if (!items.length) return null;
    return (
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid={`calendar-day-${date.format('YYYY-MM-DD')}`}>
        {items.map((a) => (
          <li key={a.id} style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
            <Tooltip title={`${a.orgName} · ${timeRange(a.startsAt, a.endsAt)} · ${ACTIVITY_STATUS_LABELS[a.status]}`}>
              <a
                data-testid={`calendar-activity-${a.id}`}
                onClick={(e) => (e.stopPropagation(), navigate(`/activities/${a.id}`))}
                style={{ fontSize: 12, textDecoration: a.status === 'cancelled' ? 'line-through' : undefined }}
              >
                <span
                  style={{
                    display: 'inline-block',
                    width: 6,
                    height: 6,
                    borderRadius: 3,
                    marginInlineEnd: 4,
                    verticalAlign: 'middle',
                    background: DOT_COLORS[a.status],
                  }}
                />
                {dayjs(a.startsAt).format('HH:mm')} {a.title}
              </a>
            </Tooltip>
          </li>
        ))}
      </ul>
    );
  };

  return (
    <Card size="small" title="活动管理">
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<View>
          data-testid="activity-view"
          value={view}
          onChange={setView}
          options={[
            { value: 'list', label: '列表' },
            { value: 'calendar', label: '日历' },
          ]}
        />
        <OrgFilter orgs={orgs} value={filters.orgId} onChange={(orgId) => setFilter({ orgId })} testId="activity-filter-org" />
        <Select<ActivityStatus>
          data-testid="activity-filter-status"
          allowClear
          placeholder="全部状态"
          style={{ width: 120 }}
          value={filters.status ?? undefined}
          onChange={(s) => setFilter({ status: s ?? null })}
          options={ACTIVITY_STATUSES.map((s) => ({ value: s, label: ACTIVITY_STATUS_LABELS[s] }))}
        />
        {view === 'list' && (
          <DatePicker.RangePicker
            data-testid="activity-filter-range"
            value={filters.range}
            onChange={(r) => setFilter({ range: r && r[0] && r[1] ? [r[0], r[1]] : null })}
          />
        )}
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ activity: null })} data-testid="activity-new">
          新建活动
        </Button>
      </Space>
      {view === 'list' ? (
        <PagedTable<ActivityView>
          columns={columns}
          list={list}
          data-testid="activity-table"
          paging={paging}
          unit="项"
          tableLayout="fixed"
          // The fixed widths and ~300 px for the title: narrower screens scroll under 操作.
          scroll={{ x: 1050 }}
        />
      ) : (
        <Spin spinning={monthList.isFetching}>
          <Typography.Text type="secondary">点击活动查看详情；绿色为已发布，黄色为草稿，灰色为已取消。</Typography.Text>
          <div data-testid="activity-calendar">
            <Calendar
              value={month}
              onPanelChange={(d) => setMonth(d.startOf('month'))}
              onSelect={(d, info) => info.source !== 'date' && setMonth(d.startOf('month'))}
              cellRender={(date, info) => (info.type === 'date' ? dayCell(date) : info.originNode)}
            />
          </div>
        </Spin>
      )}
      <ActivityFormDrawer
        open={!!editing}
        activity={editing?.activity ?? null}
        orgs={orgs ?? []}
        defaultOrgId={filters.orgId}
        onClose={() => setEditing(null)}
        onSaved={() => setEditing(null)}
      />
    </Card>
  );
}
