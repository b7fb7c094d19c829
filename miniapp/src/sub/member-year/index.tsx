import { View } from '@tarojs/components';
import {
  APPRAISAL_EXCLUSION_REASON_LABELS,
  APPRAISAL_GRADE_LABELS,
  APPRAISAL_ROUND_STATUS_LABELS,
  TRANSFER_KIND_LABELS,
  TRANSFER_STATUS_LABELS,
} from '@djzy/shared';
import { usePageData } from '../../hooks/usePageData';
import { getMyAppraisals, getMyTransfers } from '../../services/member-year';
import '../../pages/problems/index.scss';

/**
 * 评议与转接: my 民主评议党员 results year by year (the grade once the branch has told me — nobody
 * else's), and my 组织关系转接 with where each stands and until when the letter is valid (the
 * 7-day reminder opens this page: a letter about to expire says so).
 */
export default function MemberYearPage() {
  const { data, error } = usePageData(() => Promise.all([getMyAppraisals({ silent: true }), getMyTransfers({ silent: true })]));
  const [appraisals, transfers] = data ?? [null, null];

  return (
    <View className="page member-year">
      {error && (
        <View className="card pb-meta" id="my-error">
          {error}
        </View>
      )}
      <View className="card">
        <View className="pb-title">民主评议党员</View>
        {appraisals && appraisals.length === 0 && (
          <View className="pb-meta" id="appraisals-empty">
            暂无评议记录
          </View>
        )}
        {appraisals?.map((a) => (
          <View key={a.roundId} className="pb-item" id={`appraisal-${a.roundId}`}>
            <View className="pb-item-head">
              <View className="pb-meta">
                {a.year}年度 · {a.orgName}
              </View>
              <View className={`pb-status pb-status-${a.grade ? 'closed' : 'open'}`} id={`appraisal-grade-${a.roundId}`}>
                {a.excludedReason
                  ? `未参评（${APPRAISAL_EXCLUSION_REASON_LABELS[a.excludedReason]}）`
                  : a.grade
                    ? APPRAISAL_GRADE_LABELS[a.grade]
                    : APPRAISAL_ROUND_STATUS_LABELS[a.status]}
              </View>
            </View>
          </View>
        ))}
      </View>
      <View className="card">
        <View className="pb-title">组织关系转接</View>
        {transfers && transfers.length === 0 && (
          <View className="pb-meta" id="transfers-empty">
            暂无转接记录
          </View>
        )}
        {transfers?.map((t) => (
          <View key={t.id} className="pb-item" id={`transfer-${t.id}`}>
            <View className="pb-item-head">
              <View className="pb-meta">
                转往：{t.toOrgName}（{TRANSFER_KIND_LABELS[t.kind]}）
              </View>
              <View
                className={`pb-status pb-status-${t.expired ? 'overdue' : t.status === 'received' ? 'closed' : 'open'}`}
                id={`transfer-status-${t.id}`}
              >
                {t.expired ? '已过有效期' : TRANSFER_STATUS_LABELS[t.status]}
              </View>
            </View>
            {t.validUntil && t.status === 'issued' && (
              <View className={t.expiresSoon ? 'pb-overdue' : 'pb-meta'} id={`transfer-valid-${t.id}`}>
                {t.expiresSoon
                  ? `介绍信将于 ${t.validUntil} 到期，请尽快到接收组织报到`
                  : `介绍信有效期至 ${t.validUntil}，请按时到接收组织报到`}
              </View>
            )}
            {t.status === 'issued' && (
              <View className="pb-meta" id={`transfer-transit-${t.id}`}>
                在途期间不计入原支部和接收组织的应到人数，报到后按接收组织参加组织生活
              </View>
            )}
          </View>
        ))}
      </View>
    </View>
  );
}
