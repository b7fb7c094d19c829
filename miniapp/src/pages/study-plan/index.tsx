import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { MATERIAL_KIND_LABELS, STUDY_PLAN_STATUS_LABELS, planDates } from '@djzy/shared';
import { usePageData } from '../../hooks/usePageData';
import { ROUTES } from '../../routes';
import { getPlan } from '../../services/study';
import { decodeParam } from '../../utils/params';
import { planProgressText } from '../../utils/study';
import PageLoading from '../../components/PageLoading';
import '../study/index.scss';
import './index.scss';

/** 学习计划: one plan's dates, note and materials with ✓ 已学完; a material opens the reader. Never time. */
export default function StudyPlanPage() {
  const { params } = useRouter();
  const id = decodeParam(params.id);
  // Again on each show: coming back from the reader, the progress has moved.
  const { data: plan, error } = usePageData(() => (id ? getPlan(id, { silent: true }) : null));

  if (!plan) return <PageLoading page="study-plan" error={id ? error : '学习计划不存在'} errorId="plan-error" />;

  return (
    <View className="page study-plan">
      <View className="card">
        <View className="plan-page-title" id="plan-title">
          {plan.title}
        </View>
        <View className="muted" id="plan-dates">
          {STUDY_PLAN_STATUS_LABELS[plan.status] ?? ''} · {planDates(plan)} · {plan.orgName}
        </View>
        {plan.note && (
          <View className="plan-note" id="plan-note">
            {plan.note}
          </View>
        )}
        <View className={`plan-page-progress${plan.myDone ? ' plan-page-done' : ''}`} id="plan-progress">
          {plan.myDone ? '✓ 已完成' : planProgressText(plan)}
        </View>
      </View>

      <View className="card" id="plan-materials">
        <View className="card-title">学习资料</View>
        {plan.materials.length === 0 && <View className="muted">本计划还没有资料</View>}
        {plan.materials.map((m) => (
          <View
            key={m.id}
            id={`plan-material-${m.id}`}
            className="material-row"
            onClick={() => Taro.navigateTo({ url: `${ROUTES.studyReader}?id=${encodeURIComponent(m.id)}` }).catch(() => undefined)}
          >
            <View className="material-main">
              <View className="material-title">{m.title}</View>
              <View className="material-meta">{MATERIAL_KIND_LABELS[m.kind] ?? ''}</View>
            </View>
            <View className={`material-status${m.completed ? ' material-done' : ''}`} id={`plan-material-status-${m.id}`}>
              {m.completed ? '✓ 已学完' : '未学'}
            </View>
          </View>
        ))}
      </View>
    </View>
  );
}
