import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { toLocalDate } from '@djzy/shared';
import PlanRow from '../../components/PlanRow';
import { usePageData } from '../../hooks/usePageData';
import { ROUTES } from '../../routes';
import { getMyStudy } from '../../services/study';
import { noteStatusLabel } from '../../utils/study';
import './index.scss';

/** 我的学习: my study plans and my progress, materials I have completed, required ones still to do, my reflections. */
export default function MyStudyPage() {
  const { data, error } = usePageData(getMyStudy);

  const open = (materialId: string) => Taro.navigateTo({ url: `${ROUTES.studyReader}?id=${materialId}` });

  if (!data) {
    return (
      <View className="page my-study">
        <View className="card">{error ? <View className="error-text">{error}</View> : <View className="muted">正在加载…</View>}</View>
      </View>
    );
  }

  return (
    <View className="page my-study">
      {(data.plans ?? []).length > 0 && (
        <View className="card" id="my-plans">
          <View className="card-title">学习计划</View>
          {data.plans.map((p) => (
            <PlanRow key={p.id} plan={p} idPrefix="my-plan" showStatus />
          ))}
        </View>
      )}

      <View className="card" id="my-pending">
        <View className="card-title">待学的必学资料</View>
        {data.requiredPending.length === 0 && <View className="muted">必学资料都已学完</View>}
        {data.requiredPending.map((m) => (
          <View key={m.materialId} id={`pending-${m.materialId}`} className="material-row" onClick={() => open(m.materialId)}>
            <View className="material-main material-title">
              <View className="tag-required">必学</View>
              {m.title}
            </View>
            <View className="material-status">未学完</View>
          </View>
        ))}
      </View>

      <View className="card" id="my-completed">
        <View className="card-title">已学完</View>
        {data.completed.length === 0 && <View className="muted">还没有学完的资料</View>}
        {data.completed.map((m) => (
          <View key={m.materialId} id={`completed-${m.materialId}`} className="material-row" onClick={() => open(m.materialId)}>
            <View className="material-main">
              <View className="material-title">{m.title}</View>
              <View className="material-meta">{toLocalDate(m.completedAt)} 学完</View>
            </View>
            <View className="material-status material-done">✓ 已学完</View>
          </View>
        ))}
      </View>

      <View className="card" id="my-notes">
        <View className="card-title">我的学习心得</View>
        {data.notes.length === 0 && <View className="muted">还没有写过学习心得</View>}
        {data.notes.map((n) => (
          <View key={n.id} id={`note-${n.id}`} className="note-row">
            <View className="material-meta">
              {toLocalDate(n.createdAt)}
              {n.materialTitle ? ` · ${n.materialTitle}` : ''}
            </View>
            <View className="note-content">{n.content}</View>
            <View className={`note-status note-${n.status}`} id={`note-status-${n.id}`}>
              {noteStatusLabel(n.status)}
            </View>
          </View>
        ))}
      </View>
    </View>
  );
}
