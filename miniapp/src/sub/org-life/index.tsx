import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ACTIVITY_KIND_LABELS, CHECKIN_METHOD_LABELS, MY_ATTENDANCE_LABELS, type MyAttendance } from '@djzy/shared';
import ListBody from '../../components/ListBody';
import { usePageData } from '../../hooks/usePageData';
import { ROUTES } from '../../routes';
import { getMyOrgLife } from '../../services/activities';
import { formatDateTime } from '../../utils/activity';
import './index.scss';

const TONE: Record<MyAttendance, string> = { present: 'ok', leave: 'warn', leave_pending: 'warn', absent: 'bad', not_counted: 'plain' };

/**
 * 我的组织生活: my own meetings that have ended, newest first — which org held it, when, and
 * whether I was 出席 (and how), 请假 or 缺席. Only my own record; a tap opens the meeting.
 */
export default function OrgLifePage() {
  const { data, error } = usePageData(() => getMyOrgLife());
  return (
    <View className="page org-life">
      <ListBody items={data?.items ?? null} error={error} empty="还没有已结束的组织生活" emptyId="ol-empty">
        {(i) => (
          <View
            key={i.activityId}
            className="card ol-item"
            id={`ol-${i.activityId}`}
            onClick={() => Taro.navigateTo({ url: `${ROUTES.activityDetail}?id=${encodeURIComponent(i.activityId)}` })}
          >
            <View className="ol-head">
              <View className="ol-kind">{ACTIVITY_KIND_LABELS[i.kind] ?? '活动'}</View>
              <View className={`ol-status ol-status-${TONE[i.attendance]}`} id={`ol-status-${i.activityId}`}>
                {MY_ATTENDANCE_LABELS[i.attendance] ?? i.attendance}
              </View>
            </View>
            <View className="ol-title">{i.title}</View>
            <View className="ol-meta">
              {i.orgName} · {formatDateTime(i.startsAt)}
            </View>
            {i.method && <View className="ol-meta">签到方式：{CHECKIN_METHOD_LABELS[i.method] ?? i.method}</View>}
          </View>
        )}
      </ListBody>
    </View>
  );
}
