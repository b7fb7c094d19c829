import { useState } from 'react';
import { Button, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { DUTY_REPORT_STATUS_LABELS, LIMITS, type DutyReportView } from '@djzy/shared';
import TextBox from '../../components/TextBox';
import { ensureSignedIn } from '../../services/session';
import { listMyDutyReports, submitDutyReport, writeDutyReport } from '../../services/review';
import './index.scss';

/**
 * 我的述职报告 (a branch secretary's, for the township's 述职评议): the written part, typed here, and
 * the year's figures the system read from the records — shown, never typed (no 填表报数). 保存 keeps
 * it; 提交 sends it to the township, which accepts it or returns it with a note.
 */
export default function DutyReportPage() {
  const [reports, setReports] = useState<DutyReportView[] | null>(null);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useDidShow(() => {
    if (!ensureSignedIn()) return;
    listMyDutyReports({ silent: true })
      .then((list) => {
        setReports(list);
        setBody(list[0]?.body ?? '');
      })
      .catch((e: Error) => setError(e.message));
  });

  const r = reports?.[0] ?? null;
  const editable = !!r && (r.status === 'draft' || r.status === 'returned');
  const save = async (submit: boolean) => {
    if (!r || busy) return;
    if (!body.trim()) return setError('请撰写述职报告正文');
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      let next = await writeDutyReport(r.id, body.trim(), { silent: true });
      if (submit) next = await submitDutyReport(r.id, { silent: true });
      setReports([next, ...(reports ?? []).slice(1)]);
      setSaved(submit ? '已提交，等待乡镇审核' : '已保存');
    } catch (e) {
      setError(e instanceof Error ? e.message : '保存失败，请重试');
    } finally {
      setBusy(false);
    }
  };

  if (reports === null) {
    return (
      <View className="page duty-report">
        <View className="card">{error ? <View id="dr-error">{error}</View> : <View className="muted">正在加载…</View>}</View>
      </View>
    );
  }
  if (!r) {
    return (
      <View className="page duty-report">
        <View className="card" id="dr-empty">
          暂无需要撰写的述职报告。乡镇安排述职评议后，这里会出现您的述职报告。
        </View>
      </View>
    );
  }
  return (
    <View className="page duty-report">
      <View className="card">
        <View className="dr-title" id="dr-title">
          {r.orgName} {r.year}年度抓基层党建工作述职报告
        </View>
        <View className="dr-status" id="dr-status">
          {DUTY_REPORT_STATUS_LABELS[r.status]}
        </View>
        {r.status === 'returned' && r.returnedNote && (
          <View className="dr-note" id="dr-note">
            退回意见：{r.returnedNote}
          </View>
        )}
      </View>
      <View className="card">
        {editable ? (
          <>
            <TextBox
              id="dr-body"
              multiline
              value={body}
              onChange={setBody}
              maxlength={LIMITS.dutyReportBody}
              placeholder="本年度抓基层党建工作的主要做法和成效、存在的问题、下一步打算"
            />
            {error && (
              <View className="dr-error" id="dr-form-error">
                {error}
              </View>
            )}
            {saved && (
              <View className="dr-hint" id="dr-saved">
                {saved}
              </View>
            )}
            <Button id="dr-save" disabled={busy || undefined} onClick={() => save(false)}>
              保存
            </Button>
            <Button id="dr-submit" className="btn-primary" loading={busy} disabled={busy || undefined} onClick={() => save(true)}>
              提交乡镇审核
            </Button>
          </>
        ) : (
          <>
            <View className="dr-body" id="dr-body-text">
              {r.body}
            </View>
            {saved && (
              <View className="dr-hint" id="dr-saved">
                {saved}
              </View>
            )}
          </>
        )}
      </View>
      <View className="card">
        <View className="dr-hint">以下数据由系统根据平台记录自动生成，无需填报：</View>
        {r.figures.map((f) => (
          <View className="dr-figure" key={f.no} id={`dr-figure-${f.no}`}>
            <View>{f.label}</View>
            <View>{f.value == null ? '—' : `${f.value}${f.unit}`}</View>
          </View>
        ))}
      </View>
    </View>
  );
}
