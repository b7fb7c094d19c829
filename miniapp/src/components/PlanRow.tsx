import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { STUDY_PLAN_STATUS_LABELS, type StudyPlanView } from '@djzy/shared';
import { ROUTES } from '../routes';
import { planProgressText } from '../utils/study';
import './PlanRow.scss';

export interface PlanRowProps {
  plan: StudyPlanView;
  /** The id prefix of the row's elements (`plan` → `plan-<id>`, `plan-progress-<id>`). */
  idPrefix?: string;
  /** Show 进行中 / 未开始 too (where plans of both kinds are listed). */
  showStatus?: boolean;
}

/** One study plan (学习计划) on a list: title, 截止, 已学 x / y or 已完成; a tap opens its materials. */
export default function PlanRow({ plan: p, idPrefix = 'plan', showStatus = false }: PlanRowProps) {
  return (
    <View
      className="plan-row"
      id={`${idPrefix}-${p.id}`}
      onClick={() => Taro.navigateTo({ url: `${ROUTES.studyPlan}?id=${encodeURIComponent(p.id)}` }).catch(() => undefined)}
    >
      <View className="plan-main">
        <View className="plan-title">{p.title}</View>
        <View className="plan-meta">
          {showStatus ? `${STUDY_PLAN_STATUS_LABELS[p.status] ?? ''} · ` : ''}截止 {p.endsOn}
        </View>
      </View>
      <View className={`plan-progress${p.myDone ? ' plan-done' : ''}`} id={`${idPrefix}-progress-${p.id}`}>
        {p.myDone ? '✓ 已完成' : planProgressText(p)}
      </View>
      <View className="plan-arrow">›</View>
    </View>
  );
}
