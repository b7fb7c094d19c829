import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import ListBody from '../../components/ListBody';
import { usePageData } from '../../hooks/usePageData';
import { ROUTES } from '../../routes';
import { listMyProblems } from '../../services/problems';
import { deadlineText, problemStatusLabel, problemTone } from './status';
import './index.scss';

/** 我的整改任务: the problems I am responsible for, with the deadline, 逾期 N 天 and where each stands. */
export default function ProblemsPage() {
  const { data, error } = usePageData(() => listMyProblems(50, { silent: true }));
  return (
    <View className="page problems">
      <ListBody items={data?.items ?? null} error={error} errorId="problems-error" empty="没有需要您整改的问题" emptyId="problems-empty">
        {(p) => (
          <View
            key={p.id}
            className="card pb-item"
            id={`pb-${p.id}`}
            onClick={() => Taro.navigateTo({ url: `${ROUTES.problemDetail}?id=${encodeURIComponent(p.id)}` })}
          >
            <View className="pb-item-head">
              <View className="pb-title">{p.category}</View>
              <View className={`pb-status pb-status-${problemTone(p)}`} id={`pb-status-${p.id}`}>
                {problemStatusLabel(p)}
              </View>
            </View>
            <View className="pb-desc">{p.description}</View>
            <View className="pb-meta">
              整改期限：{deadlineText(p)}
              {p.overdue && (
                <View className="pb-overdue" id={`pb-overdue-${p.id}`}>
                  逾期 {p.overdueDays} 天
                </View>
              )}
            </View>
            <View className="pb-meta">交办单位：{p.assignerOrgName}</View>
          </View>
        )}
      </ListBody>
    </View>
  );
}
