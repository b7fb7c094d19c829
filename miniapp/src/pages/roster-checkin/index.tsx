import { useState } from 'react';
import { View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import type { AttendanceResponse, AttendanceRow } from '@djzy/shared';
import { getAttendance, rosterCheckIn } from '../../services/activities';
import { ensureSignedIn } from '../../services/session';
import { formatTime } from '../../utils/activity';
import { decodeParam } from '../../utils/params';
import TextBox from '../../components/TextBox';
import './index.scss';

/**
 * 代签 (organiser): members without a phone are checked in from the roster. The not-yet-present
 * members, searchable by name; a tap and a confirmation check one in (recorded as 代签).
 */
export default function RosterCheckinPage() {
  const { params } = useRouter();
  const id = decodeParam(params.id);
  const [sheet, setSheet] = useState<AttendanceResponse | null>(null);
  const [error, setError] = useState<string | null>(id ? null : '活动不存在');
  const [query, setQuery] = useState('');
  const [busyId, setBusyId] = useState<string | null>(null);

  const load = () => {
    if (!ensureSignedIn()) return;
    if (!id) return;
    getAttendance(id, { silent: true })
      .then((s) => {
        setSheet(s);
        setError(null);
      })
      .catch((e: Error) => setError(e.message));
  };
  useDidShow(load);

  const onPick = async (row: AttendanceRow) => {
    if (busyId) return;
    const { confirm } = await Taro.showModal({
      title: '代签确认',
      content: `确定为 ${row.name} 代签吗？`,
      confirmText: '代签',
      cancelText: '取消',
      confirmColor: '#c8161d',
    });
    if (!confirm) return;
    setBusyId(row.memberId);
    try {
      const res = await rosterCheckIn(id, row.memberId);
      // Move the member to the present list at once; the next load brings the server's sheet.
      setSheet((s) =>
        s
          ? {
              ...s,
              absent: s.absent.filter((r) => r.memberId !== row.memberId),
              present: [...s.present, { ...row, method: res.checkIn.method, checkedInAt: res.checkIn.checkedInAt }],
            }
          : s,
      );
      Taro.showToast({ title: `${row.name} 已签到`, icon: 'success' }).catch(() => undefined);
    } catch {
      /* the request wrapper showed the Chinese message */
    } finally {
      setBusyId(null);
    }
  };

  const q = query.trim();
  const absent = sheet ? sheet.absent.filter((r) => !q || r.name.includes(q)) : [];
  return (
    <View className="page roster-checkin">
      <View className="card">
        <View className="muted">为没有智能手机的党员签到，系统会记为“代签”。</View>
        <TextBox id="roster-search" className="field-input roster-search" placeholder="输入姓名查找" value={query} onChange={setQuery} />
      </View>
      {error && (
        <View className="error-text" id="roster-error">
          {error}
        </View>
      )}
      {!sheet && !error && <View className="muted">正在加载…</View>}
      {sheet && (
        <>
          <View className="card">
            <View className="card-title" id="roster-absent-title">
              未签到（{sheet.absent.length}人）
            </View>
            {absent.length === 0 && (
              <View className="empty" id="roster-empty">
                {q ? '没有找到这个名字' : '全部已签到或请假'}
              </View>
            )}
            {absent.map((r) => (
              <View key={r.memberId} className="roster-row" id={`absent-${r.memberId}`} onClick={() => onPick(r)}>
                <View className="roster-name">
                  {r.name}
                  <View className="muted">{r.orgName}</View>
                </View>
                <View className="roster-action">{busyId === r.memberId ? '正在签到…' : '代签'}</View>
              </View>
            ))}
          </View>
          <View className="card">
            <View className="card-title" id="roster-present-title">
              已签到（{sheet.present.length}人）
            </View>
            {sheet.present.map((r) => (
              <View key={r.memberId} className="roster-row" id={`present-${r.memberId}`}>
                <View className="roster-name">
                  {r.name}
                  <View className="muted">{r.orgName}</View>
                </View>
                <View className="roster-done">
                  {r.method === 'roster' ? '代签' : '已签到'}
                  {r.checkedInAt ? ` ${formatTime(r.checkedInAt)}` : ''}
                </View>
              </View>
            ))}
          </View>
        </>
      )}
    </View>
  );
}
