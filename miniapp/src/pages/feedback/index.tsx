import { useState } from 'react';
import { Button, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import {
  DEFAULT_FEEDBACK_REPLY_DAYS,
  FEEDBACK_CATEGORIES,
  FEEDBACK_CATEGORY_LABELS,
  LIMITS,
  toLocalDate,
  type FeedbackCategory,
} from '@djzy/shared';
import TextBox, { Field } from '../../components/TextBox';
import { ROUTES } from '../../routes';
import { createFeedback } from '../../services/problems';
import { ensureSignedIn } from '../../services/session';
import { NO_ERRORS, formErrors, type FormErrors } from '../../utils/errors';
import './index.scss';

const FIELDS = ['category', 'content', 'contact'] as const;
/** The server allows so many an hour; its 429 is worded for this form. */
const TOO_MANY = '您提交得太频繁了，请过一段时间再提交。已提交的内容可在“我的投诉建议”中查看。';

/**
 * 投诉建议 (the channel the State Council rules require): 投诉 or 建议, what it is about (up to
 * 2000 characters, counted as typed), a phone number if the member wants a call. It goes to their
 * own branch's org, which must answer by the date shown after sending.
 */
export default function FeedbackPage() {
  const [category, setCategory] = useState<FeedbackCategory | null>(null);
  const [content, setContent] = useState('');
  const [contact, setContact] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [dueAt, setDueAt] = useState<string | null>(null);

  useLoad(() => {
    ensureSignedIn();
  });

  const submit = async () => {
    // The server's own words for what is missing, without a round trip.
    const missing: Record<string, string> = {};
    if (!category) missing.category = '请选择投诉或建议';
    if (!content.trim()) missing.content = '请填写投诉建议的内容';
    if (Object.keys(missing).length) return setErrors({ fields: missing, message: null });
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const res = await createFeedback(
        { category: category!, content: content.trim(), ...(contact.trim() ? { contact: contact.trim() } : {}) },
        { silent: true },
      );
      setDueAt(res.replyDueAt);
      setContent('');
      setContact('');
      setCategory(null);
    } catch (e) {
      setErrors(formErrors(e, FIELDS, { RATE_LIMITED: TOO_MANY }));
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (name: (typeof FIELDS)[number]) =>
    errors.fields[name] ? (
      <View className="error-text field-error" id={`feedback-${name}-error`}>
        {errors.fields[name]}
      </View>
    ) : null;

  const mineLink = (
    <View className="card entry" id="feedback-mine" onClick={() => Taro.navigateTo({ url: ROUTES.myFeedback })}>
      <View className="entry-text">我的投诉建议</View>
      <View className="entry-arrow">›</View>
    </View>
  );

  if (dueAt) {
    return (
      <View className="page feedback">
        <View className="card" id="feedback-sent">
          <View className="card-title fb-ok">已提交</View>
          <View className="fb-due">
            答复期限：
            <View className="fb-due-date" id="feedback-due">
              {toLocalDate(dueAt)}
            </View>
          </View>
          <View className="muted">您所在支部的上级党组织将在此日期前答复，答复会显示在“我的投诉建议”中。</View>
          <Button id="feedback-again" className="btn-secondary" onClick={() => setDueAt(null)}>
            再写一条
          </Button>
        </View>
        {mineLink}
      </View>
    );
  }

  return (
    <View className="page feedback">
      <View className="card" id="feedback-form">
        <View className="muted fb-intro">您的投诉或建议将送达所在支部的党组织，一般在{DEFAULT_FEEDBACK_REPLY_DAYS}天内答复。</View>
        <Field label="类别">
          <View className="chips">
            {FEEDBACK_CATEGORIES.map((c) => (
              <View
                key={c}
                id={`feedback-category-${c}`}
                className={`chip${category === c ? ' chip-on' : ''}`}
                onClick={() => setCategory(c)}
              >
                {FEEDBACK_CATEGORY_LABELS[c]}
              </View>
            ))}
          </View>
          {fieldError('category')}
        </Field>
        <Field label="内容">
          <TextBox
            id="feedback-content"
            className="form-textarea fb-textarea"
            placeholder="请写下您要反映的问题或建议"
            value={content}
            maxlength={LIMITS.feedbackContent}
            onChange={setContent}
            multiline
          />
          <View className={`fb-count${content.length >= LIMITS.feedbackContent ? ' fb-count-full' : ''}`} id="feedback-count">
            {content.length}/{LIMITS.feedbackContent}
          </View>
          {fieldError('content')}
        </Field>
        <Field label="联系电话（可不填）">
          <TextBox
            id="feedback-contact"
            placeholder="需要电话联系您时填写"
            value={contact}
            maxlength={LIMITS.feedbackContact}
            onChange={setContact}
            type="number"
          />
          {fieldError('contact')}
        </Field>
        {errors.message && (
          <View className="error-text" id="feedback-error">
            {errors.message}
          </View>
        )}
        <Button id="feedback-submit" className="btn-primary" loading={busy} disabled={busy || undefined} onClick={submit}>
          提交
        </Button>
      </View>
      {mineLink}
    </View>
  );
}
