import { useRef, useState } from 'react';
import { Button, Picker, Switch, View } from '@tarojs/components';
import { useLoad, useRouter } from '@tarojs/taro';
import { LIMITS, MAX_CONTACT_NEEDS, toLocalDate, type LiaisonContactView, type LiaisonView } from '@djzy/shared';
import TextBox, { Field } from '../../components/TextBox';
import { getMyLiaisons, listMyLiaisonContacts, logLiaisonContact, newContactKey } from '../../services/liaison';
import { ensureSignedIn } from '../../services/session';
import { NO_ERRORS, formErrors, type FormErrors } from '../../utils/errors';
import { decodeParam } from '../../utils/params';
import { liaisonTarget } from './target';
import './index.scss';

interface NeedDraft {
  text: string;
  toDeed: boolean;
}

/**
 * 记录走访 (`?liaisonId=`): the day (today by default, never later), which household, what I
 * learned, and needs — each may be 登记为办实事 at once. Under a minute; no location, no photo.
 * One Idempotency-Key per form, so 保存 again after a network failure records it once.
 */
export default function LiaisonContactPage() {
  const router = useRouter();
  const liaisonId = decodeParam(router.params.liaisonId);
  const today = toLocalDate(new Date());
  const [link, setLink] = useState<LiaisonView | null>(null);
  const [history, setHistory] = useState<LiaisonContactView[] | null>(null);
  const [on, setOn] = useState(today);
  const [householdId, setHouseholdId] = useState<string | null>(null);
  const [what, setWhat] = useState('');
  const [needs, setNeeds] = useState<NeedDraft[]>([]);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saved, setSaved] = useState<string | null>(null);
  const key = useRef(newContactKey());

  const loadHistory = () =>
    listMyLiaisonContacts(liaisonId, { silent: true })
      .then((res) => setHistory(res.items))
      .catch(() => setHistory([]));

  useLoad(() => {
    if (!ensureSignedIn()) return;
    getMyLiaisons({ silent: true })
      .then((res) => setLink(res.liaisons.find((l) => l.id === liaisonId) ?? null))
      .catch(() => undefined);
    void loadHistory();
  });

  const setNeed = (i: number, patch: Partial<NeedDraft>) => setNeeds((all) => all.map((n, j) => (j === i ? { ...n, ...patch } : n)));

  const onSubmit = async () => {
    if (!what.trim()) return setErrors({ fields: { what: '请简要记录走访了解的情况' }, message: null });
    setBusy(true);
    setErrors(NO_ERRORS);
    setSaved(null);
    const filled = needs.filter((n) => n.text.trim());
    try {
      const res = await logLiaisonContact(
        liaisonId,
        {
          on,
          what: what.trim(),
          ...(householdId ? { householdId } : {}),
          ...(filled.length ? { needs: filled.map((n) => ({ text: n.text.trim(), ...(n.toDeed ? { toDeed: true } : {}) })) } : {}),
        },
        key.current,
        { silent: true },
      );
      key.current = newContactKey();
      setWhat('');
      setNeeds([]);
      setHouseholdId(null);
      setOn(toLocalDate(new Date()));
      const deeds = res.needs.filter((n) => n.deedId).length;
      setSaved(deeds ? `已记录，${deeds} 项需求已登记为办实事` : '已记录');
      void loadHistory();
    } catch (e) {
      // Kept: 保存 again resends with the same key, so nothing is recorded twice.
      setErrors(formErrors(e, ['on', 'householdId', 'what', 'needs']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page liaison-contact">
      <View className="card" id="contact-link">
        <View className="lz-title">{link ? liaisonTarget(link) : '走访记录'}</View>
        {link?.nextContactOn && <View className="lz-line">下次走访提醒：{link.nextContactOn}</View>}
      </View>

      <View className="card" id="contact-form">
        <Field label="走访日期">
          <Picker mode="date" value={on} end={today} onChange={(e) => setOn(String(e.detail.value))}>
            <View className="picker-value" id="contact-on">
              {on}
            </View>
          </Picker>
          {errors.fields.on && (
            <View className="error-text" id="contact-on-error">
              {errors.fields.on}
            </View>
          )}
        </Field>
        {link && link.households.length > 0 && (
          <Field label="走访农户">
            <View className="chips">
              {link.households.map((h) => (
                <View
                  key={h.id}
                  id={`household-${h.id}`}
                  className={`chip${householdId === h.id ? ' chip-on' : ''}`}
                  onClick={() => setHouseholdId(householdId === h.id ? null : h.id)}
                >
                  {h.name}
                </View>
              ))}
            </View>
          </Field>
        )}
        <Field label="走访情况">
          <TextBox
            id="contact-what"
            placeholder="如：了解春耕情况，宣讲惠农政策"
            value={what}
            maxlength={LIMITS.contactWhat}
            onChange={setWhat}
            multiline
          />
          {errors.fields.what && (
            <View className="error-text" id="contact-what-error">
              {errors.fields.what}
            </View>
          )}
        </Field>
        <Field label="群众需求（可不填）">
          {needs.map((n, i) => (
            <View key={i} className="lz-need">
              <View className="lz-need-text">
                <TextBox
                  id={`need-${i}`}
                  placeholder="如：门前排水沟堵塞"
                  value={n.text}
                  maxlength={LIMITS.contactNeed}
                  onChange={(v) => setNeed(i, { text: v })}
                />
              </View>
              <View className="lz-need-deed">
                <View className="muted">登记为办实事</View>
                <Switch
                  id={`need-deed-${i}`}
                  checked={n.toDeed}
                  color="#c8161d"
                  onChange={(e) => setNeed(i, { toDeed: !!e.detail.value })}
                />
              </View>
            </View>
          ))}
          {needs.length < MAX_CONTACT_NEEDS && (
            <View className="lz-add" id="need-add" onClick={() => setNeeds((all) => [...all, { text: '', toDeed: true }])}>
              ＋ 添加一项需求
            </View>
          )}
          {errors.fields.needs && (
            <View className="error-text" id="contact-needs-error">
              {errors.fields.needs}
            </View>
          )}
        </Field>
        {errors.message && (
          <View className="error-text" id="contact-error">
            {errors.message}
          </View>
        )}
        {saved && (
          <View className="ok-text" id="contact-saved">
            {saved}
          </View>
        )}
        <Button id="contact-submit" className="btn-primary" loading={busy} disabled={busy || undefined} onClick={onSubmit}>
          保存走访记录
        </Button>
      </View>

      <View className="card" id="contact-history">
        <View className="card-title">走访记录</View>
        {history && history.length === 0 && <View className="muted">还没有走访记录</View>}
        {history?.map((c) => (
          <View key={c.id} id={`contact-${c.id}`} className="lz-row">
            <View className="muted">
              {c.on}
              {c.householdName ? ` · ${c.householdName}` : ''}
            </View>
            <View>{c.what}</View>
            {c.needs.map((n, i) => (
              <View key={i} className="muted">
                需求：{n.text}
                {n.deedId && <View className="lz-tag">已登记为办实事</View>}
              </View>
            ))}
          </View>
        ))}
      </View>
    </View>
  );
}
