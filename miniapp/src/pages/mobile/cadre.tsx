import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { toLocalDate } from '@djzy/shared';
import ListBody from '../../components/ListBody';
import { usePageData } from '../../hooks/usePageData';
import { ROUTES } from '../../routes';
import { listMobileMembers } from '../../services/mobility';
import { formatTime } from '../../utils/activity';
import { call } from './call';
import './index.scss';

/**
 * 我联系的流动党员: my assignees, most overdue first, with what each last reported themselves
 * (报告近况), one tap to call or to log a contact. Asked again each time the page shows.
 */
export default function CadreMobilePage() {
  const { data: items, error } = usePageData(() =>
    listMobileMembers().then((res) => [...res.items].sort((a, b) => b.overdueDays - a.overdueDays)),
  );

  return (
    <View className="page mobile-cadre">
      <View className="card">
        <View className="card-title">我联系的流动党员</View>
        <ListBody items={items} error={error} empty="暂无需要联系的流动党员" emptyId="mm-empty" inCard>
          {(m) => (
            <View key={m.member.id} id={`mm-${m.member.id}`} className="mm-row">
              <View className="mm-head">
                <View className="mm-name">{m.member.name}</View>
                {m.overdueDays > 0 ? (
                  <View className="mm-overdue" id={`mm-overdue-${m.member.id}`}>
                    逾期 {m.overdueDays} 天
                  </View>
                ) : (
                  <View className="mm-ok muted">{m.nextDueDate} 前联系</View>
                )}
              </View>
              <View className="muted">
                {m.member.branchName ?? m.member.orgName} · 在{m.destination}
              </View>
              <View className="muted">上次联系：{m.lastContactAt ? toLocalDate(m.lastContactAt) : '还没有联系过'}</View>
              {m.lastSelfReport && (
                <View className="mm-report" id={`mm-report-${m.member.id}`}>
                  本人报告（{toLocalDate(m.lastSelfReport.at)} {formatTime(m.lastSelfReport.at)}）：{m.lastSelfReport.summary}
                </View>
              )}
              <View className="mm-actions">
                <View id={`mm-call-${m.member.id}`} className="mm-btn" onClick={() => call(m.member.phone)}>
                  打电话
                </View>
                <View
                  id={`mm-contact-${m.member.id}`}
                  className="mm-btn mm-btn-primary"
                  onClick={() => Taro.navigateTo({ url: `${ROUTES.mobileContact}?memberId=${m.member.id}` })}
                >
                  记录联系
                </View>
              </View>
            </View>
          )}
        </ListBody>
      </View>
    </View>
  );
}
