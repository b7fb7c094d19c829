import { useRef, useState } from 'react';
import { Button, Picker, Switch, View } from '@tarojs/components';
import { useLoad, useRouter } from '@tarojs/taro';
import {
  CADRE_CONTACT_METHODS,
  CONTACT_METHOD_LABELS,
  LIMITS,
  toIsoLocal,
  toLocalDate,
  type CadreContactMethod,
  type ContactLogView,
  type MobileMemberView,
} from '@djzy/shared';
import { listContacts, listMobileMembers, logContact, newIdempotencyKey } from '../../services/mobility';
import { ensureSignedIn } from '../../services/session';
import { decodeParam } from '../../utils/params';
import { call } from './call';
import TextBox, { Field } from '../../components/TextBox';
import './index.scss';

/** Now in the township's zone, as the pickers show it. */
function nowParts(): { date: string; time: string } {
  const iso = toIsoLocal(new Date());
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/**
 * 记录联系 (`?memberId=`, the page the WeChat reminder opens): method, time (now by default),
 * what was said, needs, 需跟进 — under a minute; the history below. One Idempotency-Key per form.
 */
export default function ContactPage() {
  const router = useRouter();
  const memberId = decodeParam(router.params.memberId);
  const [member, setMember] = useState<MobileMemberView | null>(null);
  const [history, setHistory] = useState<ContactLogView[] | null>(null);
  const [method, setMethod] = useState<CadreContactMethod>('phone');
  const [when, setWhen] = useState(nowParts);
  const [summary, setSummary] = useState('');
  const [needs, setNeeds] = useState('');
  const [followUp, setFollowUp] = useState(false);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const key = useRef(newIdempotencyKey());

  const loadHistory = () =>
    listContacts(memberId, { silent: true })
      .then(setHistory)
      .catch(() => setHistory([]));

  // The header (逾期, next due date) as the server now sees it: asked again after each save.
  const loadMember = () =>
    listMobileMembers({ silent: true })
      .then((res) => setMember(res.items.find((m) => m.member.id === memberId) ?? null))
      .catch(() => undefined);

  useLoad(() => {
    if (!ensureSignedIn()) return;
    void loadMember();
    void loadHistory();
  });

  const onSubmit = async () => {
    if (!summary.trim()) return setFormError('请简要写下联系的情况');
    setBusy(true);
    setFormError(null);
    setSaved(null);
    try {
      const res = await logContact(
        memberId,
        {
          method,
          contactedAt: `${when.date}T${when.time}:00+08:00`,
          summary: summary.trim(),
          ...(needs.trim() ? { needs: needs.trim() } : {}),
          followUpRequired: followUp,
        },
        key.current,
      );
      // Saved: the next record is a new one.
      key.current = newIdempotencyKey();
      setSummary('');
      setNeeds('');
      setFollowUp(false);
      setWhen(nowParts());
      setSaved(res.pointsAwarded > 0 ? `已记录 +${res.pointsAwarded} 积分` : '已记录');
      void loadHistory();
      void loadMember();
    } catch (e) {
      // Kept: 提交 again resends with the same key, so nothing is recorded twice.
      setFormError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page mobile-contact">
      <View className="card" id="contact-member">
        <View className="mm-head">
          <View className="mm-name">{member?.member.name ?? '流动党员'}</View>
          {member &&
            (member.overdueDays > 0 ? (
              <View className="mm-overdue">逾期 {member.overdueDays} 天</View>
            ) : (
              <View className="mm-ok" id="contact-next-due">
                {member.nextDueDate} 前联系
              </View>
            ))}
        </View>
        {member && <View className="muted">在{member.destination}</View>}
        {member?.lastSelfReport && (
          <View className="mm-report" id="contact-self-report">
            本人报告（{toLocalDate(member.lastSelfReport.at)}）：{member.lastSelfReport.summary}
          </View>
        )}
        {member?.member.phone && (
          <View id="contact-call" className="mm-btn" onClick={() => call(member.member.phone)}>
            打电话
          </View>
        )}
      </View>

      <View className="card" id="contact-form">
        <Field label="联系方式">
          <View className="chips">
            {CADRE_CONTACT_METHODS.map((m) => (
              <View key={m} id={`method-${m}`} className={`chip${method === m ? ' chip-on' : ''}`} onClick={() => setMethod(m)}>
                {CONTACT_METHOD_LABELS[m]}
              </View>
            ))}
          </View>
        </Field>
        <Field label="联系时间">
          <View className="time-row">
            {(['date', 'time'] as const).map((part) => (
              <Picker
                key={part}
                className="picker"
                mode={part}
                value={when[part]}
                onChange={(e) => setWhen((w) => ({ ...w, [part]: String(e.detail.value) }))}
              >
                <View className="picker-value" id={`contact-${part}`}>
                  {when[part]}
                </View>
              </Picker>
            ))}
          </View>
        </Field>
        <Field label="联系情况">
          <TextBox
            id="contact-summary"
            placeholder="如：电话联系，工作稳定，身体健康"
            value={summary}
            maxlength={LIMITS.contactSummary}
            onChange={setSummary}
            multiline
          />
        </Field>
        <Field label="困难和需求（可不填）">
          <TextBox
            id="contact-needs"
            placeholder="如：需要开具组织关系证明"
            value={needs}
            maxlength={LIMITS.contactNeeds}
            onChange={setNeeds}
          />
        </Field>
        <Field label="需跟进" className="switch-row">
          <Switch id="contact-followup" checked={followUp} color="#c8161d" onChange={(e) => setFollowUp(!!e.detail.value)} />
        </Field>
        {formError && (
          <View className="error-text" id="contact-error">
            {formError}
          </View>
        )}
        {saved && (
          <View className="ok-text" id="contact-saved">
            {saved}
          </View>
        )}
        <Button id="contact-submit" className="btn-primary" loading={busy} disabled={busy || undefined} onClick={onSubmit}>
          保存联系记录
        </Button>
      </View>

      <View className="card" id="contact-history">
        <View className="card-title">联系记录</View>
        {history && history.length === 0 && <View className="muted">还没有联系记录</View>}
        {history?.map((c) => (
          <View key={c.id} id={`contact-${c.id}`} className="contact-row">
            <View className="muted">
              {toLocalDate(c.contactedAt)} · {CONTACT_METHOD_LABELS[c.method] ?? c.method}
              {c.cadreName ? ` · ${c.cadreName}` : ''}
              {c.followUpRequired ? ' · 需跟进' : ''}
            </View>
            <View>{c.summary}</View>
            {c.needs && <View className="muted">需求：{c.needs}</View>}
          </View>
        ))}
      </View>
    </View>
  );
}
