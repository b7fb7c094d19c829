import { useEffect, useState } from 'react';
import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  CONTACT_METHOD_LABELS,
  LIMITS,
  MOBILITY_REPORT_STATUSES,
  MOBILITY_REPORT_STATUS_LABELS,
  toLocalDate,
  type MobilityReportStatus,
} from '@djzy/shared';
import InfoRow from '../../components/InfoRow';
import { usePageData } from '../../hooks/usePageData';
import { getMyMobility, reportMobility } from '../../services/mobility';
import { call } from './call';
import TextBox, { Field } from '../../components/TextBox';
import './index.scss';

/** 我的 → 流动党员: where I am registered, my contact cadre (one tap to call), 报告近况. */
export default function MyMobilityPage() {
  const { data, error, reload } = usePageData(() => getMyMobility());
  const [location, setLocation] = useState('');
  const [status, setStatus] = useState<MobilityReportStatus | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);

  // Where I was registered, as the place to report from until I write another.
  useEffect(() => {
    if (data?.record && !location) setLocation(data.record.destination);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when an answer arrives
  }, [data]);

  const onReport = async () => {
    if (!location.trim()) return setFormError('请填写您现在所在的地方');
    if (!status) return setFormError('请选择您的近况');
    setBusy(true);
    setFormError(null);
    try {
      await reportMobility({ location: location.trim(), status, ...(note.trim() ? { note: note.trim() } : {}) });
      setSent(true);
      setNote('');
      Taro.showToast({ title: '已报告', icon: 'success' }).catch(() => undefined);
      reload();
    } catch (e) {
      setFormError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (!data) {
    return (
      <View className="page mobile">
        <View className="card">{error ? <View className="error-text">{error}</View> : <View className="muted">正在加载…</View>}</View>
      </View>
    );
  }
  const r = data.record;
  if (!data.isMobile || !r) {
    return (
      <View className="page mobile">
        <View className="card empty" id="mobility-none">
          您不是流动党员
        </View>
      </View>
    );
  }

  return (
    <View className="page mobile">
      <View className="card" id="mobility-record">
        <View className="card-title">外出情况</View>
        <InfoRow label="外出地点" id="mobility-destination">
          {r.destination}
        </InfoRow>
        {r.employer && <InfoRow label="工作单位">{r.employer}</InfoRow>}
        {r.leftAt && <InfoRow label="外出时间">{toLocalDate(r.leftAt)}</InfoRow>}
      </View>

      <View className="card" id="mobility-cadre">
        <View className="card-title">我的联系干部</View>
        {r.contactCadre ? (
          <>
            <View className="cadre-name" id="cadre-name">
              {r.contactCadre.name}
            </View>
            {r.contactCadre.phone && (
              <View className="muted" id="cadre-phone">
                {r.contactCadre.phone}
              </View>
            )}
            <Button id="call-cadre" className="btn-primary" onClick={() => call(r.contactCadre?.phone)}>
              拨打电话
            </Button>
          </>
        ) : (
          <View className="muted">暂未安排联系干部，请联系所在支部</View>
        )}
      </View>

      <View className="card" id="report-form">
        <View className="card-title">报告近况</View>
        <Field label="现在在哪里">
          <TextBox
            id="report-location"
            placeholder="如：浙江省宁波市"
            value={location}
            maxlength={LIMITS.reportLocation}
            onChange={setLocation}
          />
        </Field>
        <Field label="近况">
          <View className="chips">
            {MOBILITY_REPORT_STATUSES.map((s) => (
              <View key={s} id={`report-status-${s}`} className={`chip${status === s ? ' chip-on' : ''}`} onClick={() => setStatus(s)}>
                {MOBILITY_REPORT_STATUS_LABELS[s]}
              </View>
            ))}
          </View>
        </Field>
        <Field label="想说的话（可不填）">
          <TextBox
            id="report-note"
            placeholder="有什么困难或需要支部帮忙的，可以写在这里"
            value={note}
            maxlength={LIMITS.reportNote}
            onChange={setNote}
            multiline
          />
        </Field>
        {formError && (
          <View className="error-text" id="report-error">
            {formError}
          </View>
        )}
        {sent && (
          <View className="ok-text" id="report-sent">
            已报告，联系干部会看到
          </View>
        )}
        <Button id="report-submit" className="btn-primary" loading={busy} disabled={busy || undefined} onClick={onReport}>
          提交
        </Button>
      </View>

      {data.recentContacts.length > 0 && (
        <View className="card" id="mobility-contacts">
          <View className="card-title">最近联系</View>
          {data.recentContacts.map((c) => (
            <View key={c.id} className="contact-row">
              <View className="muted">
                {toLocalDate(c.contactedAt)} · {CONTACT_METHOD_LABELS[c.method] ?? c.method}
                {c.cadreName ? ` · ${c.cadreName}` : ''}
              </View>
              <View>{c.summary}</View>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
