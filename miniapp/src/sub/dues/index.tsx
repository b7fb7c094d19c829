import { useState } from 'react';
import { Button, View } from '@tarojs/components';
import { DUES_CATEGORY_LABELS, DUES_METHOD_LABELS, type DuesDisclosureView, type MyDues } from '@djzy/shared';
import { usePageData } from '../../hooks/usePageData';
import { getMyDues, getMyDuesDisclosures } from '../../services/dues';
import '../../pages/problems/index.scss';

const yuan = (cents: number) => `${(cents / 100).toFixed(2)} 元`;
const monthText = (m: string) => `${Number(m.slice(5, 7))}月`;

/**
 * 我的党费: my monthly dues this year (as the branch set them), the months paid and those still
 * owed up to now, and each payment (months, amount, how). A record of what was paid — money is
 * paid to the branch, never through this page; dues are never part of points or any ranking.
 * 支部党费公开 (on a tap): the year's summary my branch published to its members (names, months
 * paid, amounts — no personal numbers).
 */
export default function DuesPage() {
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const current = usePageData(() => getMyDues(thisYear, { silent: true }));
  const [last, setLast] = useState<{ data: MyDues | null; error: string | null }>({ data: null, error: null });
  const { data, error } = year === thisYear ? current : last;

  const [disclosed, setDisclosed] = useState<{ year: number; list: DuesDisclosureView[] | null; error: string | null } | null>(null);
  const showDisclosure = () => {
    setDisclosed({ year, list: null, error: null });
    getMyDuesDisclosures(year, { silent: true })
      .then((list) => setDisclosed({ year, list, error: null }))
      .catch((e: Error) => setDisclosed({ year, list: null, error: e.message }));
  };

  const pick = (y: number) => {
    setYear(y);
    setDisclosed(null);
    if (y !== thisYear)
      getMyDues(y, { silent: true })
        .then((d) => setLast({ data: d, error: null }))
        .catch((e: Error) => setLast({ data: null, error: e.message }));
  };

  return (
    <View className="page dues">
      <View className="card">
        <View className="pb-item-head">
          <View className="pb-title" id="dues-year">
            {year}年度
          </View>
          {year === thisYear ? (
            <Button id="dues-last-year" size="mini" className="btn-secondary btn-small" onClick={() => pick(thisYear - 1)}>
              查看上一年
            </Button>
          ) : (
            <Button id="dues-this-year" size="mini" className="btn-secondary btn-small" onClick={() => pick(thisYear)}>
              回到本年
            </Button>
          )}
        </View>
        {error && (
          <View className="pb-meta" id="dues-error">
            {error}
          </View>
        )}
        {data && data.year === year && (
          <>
            {data.base ? (
              <View className="pb-meta" id="dues-monthly">
                每月应交：{yuan(data.base.monthlyCents)}（{DUES_CATEGORY_LABELS[data.base.category]}）
              </View>
            ) : (
              <View className="pb-meta" id="dues-no-base">
                支部尚未设定本年度党费标准
              </View>
            )}
            <View className="pb-meta" id="dues-paid">
              已交月份：{data.paidMonths.length ? data.paidMonths.map(monthText).join('、') : '无'}
            </View>
            {data.unpaidMonths.length > 0 ? (
              <View className="pb-overdue" id="dues-unpaid">
                尚未交纳：{data.unpaidMonths.map(monthText).join('、')}
              </View>
            ) : (
              <View className="pb-meta" id="dues-all-paid">
                截至本月已按时交纳
              </View>
            )}
          </>
        )}
      </View>
      {data &&
        data.year === year &&
        data.payments.map((pay) => (
          <View key={pay.id} className="card pb-item" id={`dues-payment-${pay.id}`}>
            <View className="pb-item-head">
              <View className="pb-title">{pay.months.map((m) => `${m.slice(0, 4)}年${monthText(m)}`).join('、')}</View>
              <View className="pb-status pb-status-closed">{yuan(pay.amountCents)}</View>
            </View>
            <View className="pb-meta">
              {pay.paidOn} · {DUES_METHOD_LABELS[pay.method]}
              {pay.proxyName ? `（${pay.proxyName}代交）` : ''}
            </View>
            {pay.note && <View className="pb-desc">备注：{pay.note}</View>}
          </View>
        ))}
      {data && data.year === year && data.payments.length === 0 && (
        <View className="pb-meta" id="dues-empty">
          本年度暂无交纳记录
        </View>
      )}
      <View className="card">
        <View className="pb-item-head">
          <View className="pb-title">支部党费收缴情况公开</View>
          {disclosed?.year !== year && (
            <Button id="dues-disclosure-open" size="mini" className="btn-secondary btn-small" onClick={showDisclosure}>
              查看
            </Button>
          )}
        </View>
        {disclosed?.error && (
          <View className="pb-meta" id="dues-disclosure-error">
            {disclosed.error}
          </View>
        )}
        {disclosed?.list && disclosed.list.length === 0 && (
          <View className="pb-meta" id="dues-disclosure-none">
            支部尚未公开{year}年度党费收缴情况
          </View>
        )}
        {disclosed?.list?.map((d) => (
          <View key={d.id} id={`dues-disclosure-${d.id}`}>
            <View className="pb-meta" id="dues-disclosure-head">
              {d.orgName}于{d.publishedOn}公开，共收缴 {yuan(d.totalCents)}
            </View>
            {d.note && <View className="pb-desc">{d.note}</View>}
            {d.rows.map((r, i) => (
              <View key={i} className="pb-meta dues-disclosure-row">
                {r.memberName}：
                {r.paidMonths.length ? `已交 ${r.paidMonths.length} 个月（${r.paidMonths.map(monthText).join('、')}）` : '未交'}，
                {yuan(r.paidCents)}
              </View>
            ))}
          </View>
        ))}
      </View>
    </View>
  );
}
