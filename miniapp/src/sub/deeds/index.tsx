import { useState } from 'react';
import { Button, View } from '@tarojs/components';
import { DEED_SOURCE_LABELS, DEED_STATUS_LABELS, LIMITS, type DeedView } from '@djzy/shared';
import ListBody from '../../components/ListBody';
import TextBox from '../../components/TextBox';
import { usePageData } from '../../hooks/usePageData';
import { finishDeed, listMyDeeds, startDeed } from '../../services/liaison';
import { formErrors } from '../../utils/errors';
import '../../pages/problems/index.scss';

/** The colour of a status tag: red when overdue, green once done, grey when declined, amber otherwise. */
function tone(d: DeedView): 'overdue' | 'closed' | 'void' | 'open' {
  if (d.status === 'done' || d.status === 'confirmed') return 'closed';
  if (d.status === 'declined') return 'void';
  return d.overdue ? 'overdue' : 'open';
}

/**
 * 我的办实事: the deeds I am responsible for, with the promised day, 逾期 N 天 and where each
 * stands; 开始办理 once accepted, and 办结 with what was done (required). The 回访 is someone else's.
 */
export default function DeedsPage() {
  const { data, error } = usePageData(() => listMyDeeds(50, { silent: true }));
  const [moved, setMoved] = useState<Record<string, DeedView>>({});
  const [results, setResults] = useState<Record<string, string>>({});
  const [open, setOpen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [messages, setMessages] = useState<Record<string, string>>({});

  const items = data ? data.items.map((d) => moved[d.id] ?? d) : null;

  const act = async (d: DeedView, run: () => Promise<DeedView>) => {
    setBusy(true);
    setMessages((m) => ({ ...m, [d.id]: '' }));
    try {
      const next = await run();
      setMoved((m) => ({ ...m, [d.id]: next }));
      setOpen(null);
    } catch (e) {
      const { fields, message } = formErrors(e, ['result']);
      setMessages((m) => ({ ...m, [d.id]: fields.result ?? message ?? '' }));
    } finally {
      setBusy(false);
    }
  };

  const onDone = (d: DeedView) => {
    const result = (results[d.id] ?? '').trim();
    if (!result) return setMessages((m) => ({ ...m, [d.id]: '请填写办理结果，办结须写明办了什么' }));
    return act(d, () => finishDeed(d.id, result, { silent: true }));
  };

  return (
    <View className="page deeds">
      <ListBody items={items} error={error} errorId="deeds-error" empty="没有需要您办理的实事" emptyId="deeds-empty">
        {(d) => (
          <View key={d.id} className="card pb-item" id={`deed-${d.id}`}>
            <View className="pb-item-head">
              <View className="pb-title">{d.title}</View>
              <View className={`pb-status pb-status-${tone(d)}`} id={`deed-status-${d.id}`}>
                {DEED_STATUS_LABELS[d.status] ?? d.status}
              </View>
            </View>
            <View className="pb-meta">服务对象：{d.requester}</View>
            <View className="pb-meta">
              承诺时限：{d.promisedBy}前
              {d.overdue && (
                <View className="pb-overdue" id={`deed-overdue-${d.id}`}>
                  逾期 {d.overdueDays} 天
                </View>
              )}
            </View>
            <View className="pb-meta">
              来源：{DEED_SOURCE_LABELS[d.source] ?? d.source} · {d.orgName}
            </View>
            {d.result && <View className="pb-desc">办理结果：{d.result}</View>}
            {d.followUpAt && (
              <View className="pb-meta">
                回访：{d.followUpSatisfied ? '群众满意' : '群众不满意'}
                {d.followUpNote ? `，${d.followUpNote}` : ''}
              </View>
            )}
            {d.declineReason && <View className="pb-meta">不予办理：{d.declineReason}</View>}
            {d.allowedMoves.includes('start') && (
              <Button
                id={`deed-start-${d.id}`}
                className="btn-secondary"
                disabled={busy || undefined}
                onClick={() => act(d, () => startDeed(d.id, { silent: true }))}
              >
                开始办理
              </Button>
            )}
            {d.allowedMoves.includes('done') && open !== d.id && (
              <Button id={`deed-finish-${d.id}`} className="btn-primary" disabled={busy || undefined} onClick={() => setOpen(d.id)}>
                办结
              </Button>
            )}
            {d.allowedMoves.includes('done') && open === d.id && (
              <View id={`deed-done-form-${d.id}`}>
                <TextBox
                  id={`deed-result-${d.id}`}
                  placeholder="办理结果，如：已协助办理，补贴已到账"
                  value={results[d.id] ?? ''}
                  maxlength={LIMITS.deedResult}
                  onChange={(v) => setResults((r) => ({ ...r, [d.id]: v }))}
                  multiline
                />
                <Button
                  id={`deed-done-${d.id}`}
                  className="btn-primary"
                  loading={busy}
                  disabled={busy || undefined}
                  onClick={() => onDone(d)}
                >
                  确认办结
                </Button>
              </View>
            )}
            {messages[d.id] && (
              <View className="error-text" id={`deed-error-${d.id}`}>
                {messages[d.id]}
              </View>
            )}
          </View>
        )}
      </ListBody>
    </View>
  );
}
