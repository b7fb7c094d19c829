import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { LIAISON_KIND_LABELS } from '@djzy/shared';
import ListBody from '../../components/ListBody';
import { usePageData } from '../../hooks/usePageData';
import { ROUTES } from '../../routes';
import { getMyLiaisons } from '../../services/liaison';
import { liaisonTarget } from './target';
import './index.scss';

/**
 * 联户联系: my standing links (联村 / 联片 / 联户) with their households, when I last visited and —
 * only if the branch set an interval — the day a visit is next due (a reminder, never a score);
 * 记录走访 opens the contact form. Recent contacts below.
 */
export default function LiaisonPage() {
  const { data, error } = usePageData(() => getMyLiaisons({ silent: true }));
  return (
    <View className="page liaison">
      <ListBody
        items={data?.liaisons ?? null}
        error={error}
        errorId="liaison-error"
        empty="您目前没有联村、联片或联户任务"
        emptyId="liaison-empty"
      >
        {(l) => (
          <View key={l.id} className="card" id={`lz-${l.id}`}>
            <View className="lz-head">
              <View className="lz-title">{liaisonTarget(l)}</View>
              <View className="lz-kind">{LIAISON_KIND_LABELS[l.kind] ?? l.kind}</View>
            </View>
            {l.households.length > 0 && (
              <View className="lz-homes" id={`lz-homes-${l.id}`}>
                {l.households.map((h) => (
                  <View key={h.id} className="lz-home">
                    {h.name}
                    {h.note ? `（${h.note}）` : ''}
                  </View>
                ))}
              </View>
            )}
            <View className="lz-line" id={`lz-last-${l.id}`}>
              最近走访：{l.lastContactOn ?? '还没有走访记录'}
            </View>
            {l.nextContactOn && (
              <View className="lz-line" id={`lz-next-${l.id}`}>
                下次走访提醒：{l.nextContactOn}
              </View>
            )}
            <View
              className="lz-btn"
              id={`lz-log-${l.id}`}
              onClick={() => Taro.navigateTo({ url: `${ROUTES.liaisonContact}?liaisonId=${encodeURIComponent(l.id)}` })}
            >
              记录走访
            </View>
          </View>
        )}
      </ListBody>

      {data && data.recentContacts.length > 0 && (
        <View className="card" id="liaison-recent">
          <View className="card-title">最近走访</View>
          {data.recentContacts.map((c) => (
            <View key={c.id} className="lz-row" id={`lz-contact-${c.id}`}>
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
      )}
      <View className="card entry" id="liaison-deeds" onClick={() => Taro.navigateTo({ url: ROUTES.myDeeds })}>
        <View className="entry-text">我的办实事</View>
        <View className="entry-arrow">›</View>
      </View>
    </View>
  );
}
