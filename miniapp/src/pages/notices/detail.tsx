import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { periodLabel, toLocalDate } from '@djzy/shared';
import { usePageData } from '../../hooks/usePageData';
import { getPointsNotice } from '../../services/points';
import PageLoading from '../../components/PageLoading';
import { decodeParam } from '../../utils/params';
import './index.scss';

/** The notice's text as paragraphs (one per non-empty line). */
function paragraphs(body: string): string[] {
  return body
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

/** One 评比通报: title, who published it for which period, its text and the members it commends. */
export default function NoticeDetailPage() {
  const { params } = useRouter();
  const id = decodeParam(params.id);
  const { data: notice, error } = usePageData(() => (id ? getPointsNotice(id, { silent: true }) : null), 'load');

  if (!notice) return <PageLoading page="notice-detail" error={id ? error : '通报不存在'} errorId="notice-error" />;

  return (
    <View className="page notice-detail">
      <View className="card">
        <View className="card-title" id="notice-title">
          {notice.title}
        </View>
        <View className="notice-meta" id="notice-meta">
          {notice.orgName} · {periodLabel(notice.period)}
          {notice.publishedAt ? ` · 发布于 ${toLocalDate(notice.publishedAt)}` : ''}
        </View>
        <View className="notice-body" id="notice-body">
          {paragraphs(notice.body).map((text, i) => (
            <View key={i} className="notice-paragraph">
              {text}
            </View>
          ))}
        </View>
      </View>

      {notice.top.length > 0 && (
        <View className="card" id="notice-top">
          <View className="card-title">积分靠前的党员</View>
          {notice.top.map((r) => (
            <View key={r.memberId} className="notice-top-row">
              <View className="notice-top-rank">第{r.rank}名</View>
              <View className="notice-top-name">
                {r.name}
                <View className="notice-top-org">{r.orgName}</View>
              </View>
              <View className="notice-top-points">{r.points}分</View>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
