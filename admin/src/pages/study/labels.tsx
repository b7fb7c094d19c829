/** Small display helpers shared by the 学习教育 screens. */
import { STUDY_PLAN_STATUS_LABELS, type QuizMode, type StudyMaterialView, type StudyPlanStatus } from '@djzy/shared';
import { Tag } from 'antd';

/** How a quiz counts towards completion, in the admin's words. */
export const QUIZ_MODE_LABELS: Record<QuizMode, string> = {
  none: '不设测验',
  replace_time: '答对测验即完成（不要求学习时长）',
  with_time: '学满时长并答对测验',
};

/** A material's status as a coloured tag (草稿 / 已发布). */
export function MaterialStatusTag(props: { status: StudyMaterialView['status'] }) {
  return props.status === 'published' ? (
    <Tag color="green" data-testid="material-status">
      已发布
    </Tag>
  ) : (
    <Tag color="gold" data-testid="material-status">
      草稿
    </Tag>
  );
}

/** Option letters of a quiz question: A, B, C… */
export function optionLetter(i: number): string {
  return String.fromCharCode(65 + i);
}

const PLAN_STATUS_COLORS: Record<StudyPlanStatus, string> = { upcoming: 'blue', current: 'green', ended: 'default' };

/** A study plan's status as a coloured tag (未开始 / 进行中 / 已结束). */
export function PlanStatusTag(props: { status: StudyPlanStatus }) {
  return (
    <Tag color={PLAN_STATUS_COLORS[props.status]} data-testid="plan-status">
      {STUDY_PLAN_STATUS_LABELS[props.status]}
    </Tag>
  );
}
