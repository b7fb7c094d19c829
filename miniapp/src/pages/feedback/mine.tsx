import { View } from '@tarojs/components';
import { FEEDBACK_CATEGORY_LABELS, FEEDBACK_STATUS_LABELS, toLocalDate, type FeedbackView } from '@djzy/shared';
import ListBody from '../../components/ListBody';
import { usePageData } from '../../hooks/usePageData';
import { listMyFeedback } from '../../services/problems';
import './index.scss';

/** The status tag: 已答复, 待答复, or 逾期未答复 (in red) once the reply is late. */
function statusOf(f: FeedbackView): { text: string; tone: string } {
  if (f.status === 'replied') return { text: FEEDBACK_STATUS_LABELS.replied, tone: 'replied' };
  if (f.overdue) return { text: '逾期未答复', tone: 'overdue' };
  return { text: FEEDBACK_STATUS_LABELS.received, tone: 'received' };
}

/** 我的投诉建议: what I sent, newest first, each with where it stands and the answer once there is one. */
export default function MyFeedbackPage() {
  const { data, error } = usePageData(() => listMyFeedback({ silent: true }));
  return (
    <View className="page my-feedback">
      <ListBody
        items={data?.items ?? null}
        error={error}
        errorId="my-feedback-error"
        empty="还没有提交过投诉建议"
        emptyId="my-feedback-empty"
      >
        {(f) => {
          const s = statusOf(f);
          return (
            <View key={f.id} className="card fb-item" id={`fb-${f.id}`}>
              <View className="fb-item-head">
                <View className="fb-kind">{FEEDBACK_CATEGORY_LABELS[f.category] ?? f.category}</View>
                <View className={`fb-status fb-status-${s.tone}`} id={`fb-status-${f.id}`}>
                  {s.text}
                </View>
              </View>
              <View className="muted">
                {toLocalDate(f.createdAt)} 提交 · {f.orgName}
              </View>
              <View className="fb-content">{f.content}</View>
              {f.status === 'replied' ? (
                <View className="fb-reply" id={`fb-reply-${f.id}`}>
                  <View className="fb-reply-title">
                    答复{f.repliedByName ? `（${f.repliedByName}）` : ''}
                    {f.repliedAt ? ` · ${toLocalDate(f.repliedAt)}` : ''}
                  </View>
                  <View className="fb-content">{f.reply}</View>
                </View>
              ) : (
                <View className={f.overdue ? 'error-text' : 'muted'} id={`fb-due-${f.id}`}>
                  答复期限：{toLocalDate(f.replyDueAt)}
                </View>
              )}
            </View>
          );
        }}
      </ListBody>
    </View>
  );
}
