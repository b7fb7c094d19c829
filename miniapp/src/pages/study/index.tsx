import { useRef, useState } from 'react';
import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { LIMITS, MATERIAL_KIND_LABELS, type StudyMaterialView, type StudyPlanView } from '@djzy/shared';
import PlanRow from '../../components/PlanRow';
import { ROUTES } from '../../routes';
import { listMaterials, listPlans } from '../../services/study';
import { ensureSignedIn, isSignedIn } from '../../services/session';
import { kitSections, kitTags } from '../../utils/study';
import TextBox from '../../components/TextBox';
import './index.scss';

/**
 * 学习: the branch's current study plans (学习计划) with my progress on top, then the learning kit
 * (党员小书包), 必学 first with ✓ once completed, searchable.
 */
export default function StudyPage() {
  const [plans, setPlans] = useState<StudyPlanView[] | null>(null);
  const [items, setItems] = useState<StudyMaterialView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [tag, setTag] = useState<string | null>(null);
  const [tags, setTags] = useState<string[]>([]);
  const latest = useRef(0);

  const load = (q: string, t: string | null = tag) => {
    if (!ensureSignedIn()) return;
    const ticket = ++latest.current;
    listMaterials(q, undefined, t ?? undefined)
      .then((res) => {
        if (ticket !== latest.current) return;
        // The tags to browse by come from the whole kit, not from one tag's slice of it.
        if (!t) setTags(kitTags(res.items));
        // 必学 first (the server sorts so too; keep it whatever the order).
        setItems([...res.items].sort((a, b) => Number(b.required) - Number(a.required)));
        setError(null);
      })
      .catch((e: Error) => {
        if (ticket === latest.current) setError(e.message);
      });
  };

  const loadPlans = () => {
    if (!isSignedIn()) return;
    listPlans('current', { silent: true })
      .then((res) => setPlans(res.items))
      .catch(() => setPlans((prev) => prev ?? []));
  };

  useDidShow(() => {
    load(query);
    loadPlans();
  });

  return (
    <View className="page study">
      {plans && plans.length > 0 && (
        <View className="card" id="study-plans">
          <View className="card-title">学习计划</View>
          {plans.map((p) => (
            <PlanRow key={p.id} plan={p} />
          ))}
        </View>
      )}

      <View className="card entry" id="entry-my-study" onClick={() => Taro.navigateTo({ url: ROUTES.myStudy })}>
        <View className="entry-text">我的学习（学习计划、已学完、待学必学、学习心得）</View>
        <View className="entry-arrow">›</View>
      </View>

      <View className="study-search">
        <TextBox
          id="study-search"
          className="field-input study-search-input"
          placeholder="搜索学习资料"
          value={query}
          maxlength={LIMITS.search}
          confirmType="search"
          onChange={setQuery}
          onConfirm={() => load(query)}
        />
        <View id="study-search-go" className="study-search-go" onClick={() => load(query)}>
          搜索
        </View>
      </View>

      {tags.length > 0 && (
        <View className="study-tags" id="study-tags">
          {[null, ...tags].map((t) => (
            <View
              key={t ?? '全部'}
              id={t ? `study-tag-${t}` : 'study-tag-all'}
              className={`study-tag${tag === t ? ' study-tag-on' : ''}`}
              onClick={() => {
                setTag(t);
                load(query, t);
              }}
            >
              {t ?? '全部'}
            </View>
          ))}
        </View>
      )}

      <View className="card">
        <View className="card-title">党员小书包{tag ? ` · ${tag}` : ''}</View>
        {error && !items && <View className="error-text">{error}</View>}
        {!items && !error && <View className="muted">正在加载…</View>}
        {items && items.length === 0 && (
          <View className="empty" id="study-empty">
            暂无学习资料
          </View>
        )}
        {items &&
          kitSections(items).map((section) => (
            <View key={section.title} className="kit-section" id={`kit-section-${section.title}`}>
              <View className="kit-section-title">{section.title}</View>
              {section.items.map((m) => (
                <View
                  key={m.id}
                  id={`material-${m.id}`}
                  className="material-row"
                  onClick={() => Taro.navigateTo({ url: `${ROUTES.studyReader}?id=${m.id}` })}
                >
                  <View className="material-main">
                    <View className="material-title">
                      {m.required && <View className="tag-required">必学</View>}
                      {m.title}
                    </View>
                    <View className="material-meta">
                      {MATERIAL_KIND_LABELS[m.kind] ?? ''}
                      {m.summary ? ` · ${m.summary}` : ''}
                    </View>
                  </View>
                  <View className={`material-status${m.completed ? ' material-done' : ''}`} id={`material-status-${m.id}`}>
                    {m.completed ? '✓ 已学完' : '未学完'}
                  </View>
                </View>
              ))}
            </View>
          ))}
      </View>
    </View>
  );
}
