/**
 * An activity: its details (with a lecture's 主讲人 and 主题, an online study's materials and a paired
 * study's 结对), for those who manage it the audience (参会范围 and the people named: 另行邀请, 列席), 签到二维码 (full screen), 发布/取消, and the 考勤 and 记实 tabs.
 */
import { ArrowLeftOutlined, QrcodeOutlined } from '@ant-design/icons';
import { ACTIVITY_KIND_LABELS, ApiError, ATTENDEE_SCOPE_LABELS, CHECKIN_METHOD_LABELS, STUDY_MODE_LABELS } from '@djzy/shared';
import { Alert, Button, Card, Descriptions, Space, Spin, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { activityKeys, useActivity } from '../../api/activities';
import { useOrgs } from '../../hooks/useOrgs';
import { useActivityActions } from './useActivityActions';
import { ActivityFormDrawer } from './ActivityFormDrawer';
import { AttendanceTab } from './AttendanceTab';
import { ActivityStatusTag, timeRange } from './labels';
import { namedLabel } from '../../components/MemberMultiSelect';
import { RecordTab } from './RecordTab';
import { MaterialsCard, PairsCard } from './StudyCards';

/** The activity detail screen (`/activities/:id`). */
export function ActivityDetailPage() {
  const { id = '' } = useParams();
  const detail = useActivity(id);
  const activity = detail.data ?? null;
  const failed = detail.isError ? (detail.error instanceof ApiError ? detail.error.message : '加载失败') : null;
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const orgs = useOrgs();
  const { publish, cancel } = useActivityActions();
  const reload = () => void queryClient.invalidateQueries({ queryKey: activityKeys.detail(id) });

  if (failed) return <Alert type="warning" showIcon title={failed} action={<Link to="/activities">返回活动列表</Link>} />;
  if (!activity) return <Spin style={{ display: 'block', marginTop: 80 }} />;

  const a = activity;
  const ended = dayjs(a.endsAt).isBefore(dayjs());
  const qrAllowed = a.canManage && a.status === 'published' && a.checkinModes.includes('qr') && !ended;

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card
        size="small"
        title={
          <Space>
            <Link to="/activities" title="返回活动列表">
              <ArrowLeftOutlined />
            </Link>
            <span data-testid="activity-title">{a.title}</span>
            <ActivityStatusTag status={a.status} />
          </Space>
        }
        extra={
          <Space>
            {qrAllowed && (
              <Button
                type="primary"
                icon={<QrcodeOutlined />}
                href={`${import.meta.env.BASE_URL}activities/${a.id}/qr`}
                target="_blank"
                data-testid="open-qr"
              >
                签到二维码
              </Button>
            )}
            {a.canManage && a.status === 'draft' && (
              <>
                <Button onClick={() => setEditing(true)}>编辑</Button>
                <Button type="primary" onClick={() => publish(a)} data-testid="detail-publish">
                  发布
                </Button>
              </>
            )}
            {a.canManage && a.status !== 'cancelled' && !ended && (
              <Button danger onClick={() => cancel(a)} data-testid="detail-cancel">
                取消活动
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label="类型">{ACTIVITY_KIND_LABELS[a.kind]}</Descriptions.Item>
          <Descriptions.Item label="组织">{a.orgName}</Descriptions.Item>
          <Descriptions.Item label="时间">{timeRange(a.startsAt, a.endsAt)}</Descriptions.Item>
          <Descriptions.Item label="签到方式">
            {a.checkinModes.length
              ? a.checkinModes.map((m) => CHECKIN_METHOD_LABELS[m]).join('、')
              : a.studyMode === 'online'
                ? '无需签到（学完资料即计入出勤）'
                : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="活动地点">
            <span data-testid="activity-place">{a.place ?? '—'}</span>
            {a.location && (
              <Typography.Text type="secondary">
                （定位签到 {a.location.lat.toFixed(5)}, {a.location.lng.toFixed(5)}，范围 {a.location.radiusM} 米）
              </Typography.Text>
            )}
          </Descriptions.Item>
          {a.attendees && (
            <Descriptions.Item label="参会范围">
              <span data-testid="activity-scope">{ATTENDEE_SCOPE_LABELS[a.attendees.scope]}</span>
            </Descriptions.Item>
          )}
          {a.attendees && a.attendees.extras.length > 0 && (
            <Descriptions.Item label={a.attendees.scope === 'members' ? '参会人员' : '另行邀请'}>
              <span data-testid="activity-extras">{a.attendees.extras.map(namedLabel).join('、')}</span>
            </Descriptions.Item>
          )}
          {a.attendees && a.attendees.observers.length > 0 && (
            <Descriptions.Item label="列席人员">
              <span data-testid="activity-observers">{a.attendees.observers.map(namedLabel).join('、')}</span>
            </Descriptions.Item>
          )}
          <Descriptions.Item label="已签到">{a.checkedInCount} 人</Descriptions.Item>
          {a.studyMode && <Descriptions.Item label="学习方式">{STUDY_MODE_LABELS[a.studyMode]}</Descriptions.Item>}
          {a.lecturer && (
            <Descriptions.Item label="主讲人">
              <span data-testid="activity-lecturer">{a.lecturer}</span>
            </Descriptions.Item>
          )}
          {a.topic && (
            <Descriptions.Item label="党课主题">
              <span data-testid="activity-topic">{a.topic}</span>
            </Descriptions.Item>
          )}
          <Descriptions.Item label="远程参加">{a.allowRemote ? '允许流动党员远程参加' : '不允许'}</Descriptions.Item>
          <Descriptions.Item label="发布时间">
            {a.publishedAt ? dayjs(a.publishedAt).format('YYYY-MM-DD HH:mm') : '未发布'}
          </Descriptions.Item>
        </Descriptions>
        {a.description && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{a.description}</Typography.Paragraph>}
      </Card>
      {(a.studyMode === 'online' || a.materials.length > 0) && <MaterialsCard activity={a} />}
      {(a.studyMode === 'paired' || a.pairs.length > 0) && (
        <PairsCard activity={a} onSaved={(pairs) => queryClient.setQueryData(activityKeys.detail(id), { ...a, pairs })} />
      )}
      {a.canManage && a.status !== 'draft' && (
        <Card size="small">
          <Tabs
            items={[
              { key: 'attendance', label: '考勤', children: <AttendanceTab activity={a} onChanged={reload} /> },
              { key: 'record', label: '记实', children: <RecordTab activity={a} /> },
            ]}
          />
        </Card>
      )}
      <ActivityFormDrawer
        open={editing}
        activity={a}
        orgs={orgs ?? []}
        defaultOrgId={a.orgId}
        onClose={() => setEditing(false)}
        onSaved={() => setEditing(false)}
      />
    </Space>
  );
}
