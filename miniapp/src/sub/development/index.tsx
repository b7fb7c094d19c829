import { View } from '@tarojs/components';
import {
  DEVELOPMENT_CASE_STAGE_LABELS,
  addDays,
  addMonths,
  toLocalDate,
  type DevelopmentCaseSummary,
  type MeResponse,
  type MyDevelopmentView,
} from '@djzy/shared';
import ListBody from '../../components/ListBody';
import { usePageData } from '../../hooks/usePageData';
import { getMe } from '../../services/me';
import { getMyDevelopment, listBranchCases } from '../../services/development';
import '../../pages/problems/index.scss';

type Data = { kind: 'branch'; branchName: string; cases: DevelopmentCaseSummary[] } | { kind: 'mine'; mine: MyDevelopmentView };

/** The branch a secretary or committee member manages, if any. */
function managedBranch(me: MeResponse): { id: string; name: string } | null {
  const r = me.roles.find((x) => x.role === 'branch_secretary' || x.role === 'branch_committee');
  return r ? { id: r.orgId, name: r.orgName } : null;
}

/** The last day of this month. */
function monthEnd(today: string): string {
  return addDays(addMonths(`${today.slice(0, 7)}-01`, 1), -1);
}

/** What of a case falls due by the month's end: its soft rules past or near due, and the next steps due. */
function dueThisMonth(c: DevelopmentCaseSummary, end: string): string[] {
  const out = c.warnings.filter((w) => !w.dueOn || w.dueOn <= end).map((w) => w.message);
  for (const n of c.next)
    if (n.dueOn && n.dueOn <= end && !out.some((m) => m.includes(n.name))) out.push(`第${n.step}步 ${n.name}：应于${n.dueOn}前`);
  return out;
}

/**
 * 发展党员: the branch secretary sees the branch's cases — those with something due this month
 * first, in red when past due — each with its stage and next step; an applicant (入党申请人,
 * 积极分子, 发展对象) sees their own stage and next step only.
 */
export default function DevelopmentPage() {
  const { data, error } = usePageData<Data>(async () => {
    const me = await getMe();
    const branch = managedBranch(me);
    if (branch) return { kind: 'branch', branchName: branch.name, cases: await listBranchCases(branch.id, { silent: true }) };
    return { kind: 'mine', mine: await getMyDevelopment({ silent: true }) };
  });
  const today = toLocalDate(new Date());
  const end = monthEnd(today);

  if (data?.kind === 'mine') {
    const m = data.mine;
    const n = m.next[0];
    return (
      <View className="page development">
        <View className="card" id="dev-mine">
          <View className="card-title">我的入党进度</View>
          <View className="pb-meta" id="dev-mine-stage">
            当前阶段：{DEVELOPMENT_CASE_STAGE_LABELS[m.stage]}
          </View>
          <View className="pb-meta">
            已完成：第{m.lastStep}步 {m.lastStepName}
          </View>
          {n ? (
            <View className="pb-desc" id="dev-mine-next">
              下一步：第{n.step}步 {n.name}，最早{n.earliestOn}
              {n.dueOn ? `，应于${n.dueOn}前` : ''}
            </View>
          ) : (
            <View className="pb-desc">没有待办步骤</View>
          )}
        </View>
      </View>
    );
  }

  const cases = data?.kind === 'branch' ? [...data.cases].filter((c) => c.status === 'active' || c.status === 'extended') : null;
  const sorted = cases ? [...cases.filter((c) => dueThisMonth(c, end).length), ...cases.filter((c) => !dueThisMonth(c, end).length)] : null;
  return (
    <View className="page development">
      {data?.kind === 'branch' && (
        <View className="card" id="dev-branch-summary">
          {data.branchName}：进行中 {cases?.length ?? 0} 人，本月有到期事项 {cases?.filter((c) => dueThisMonth(c, end).length).length ?? 0}{' '}
          人
        </View>
      )}
      <ListBody items={sorted} error={error} errorId="dev-error" empty="本支部暂无发展党员档案" emptyId="dev-empty">
        {(c) => {
          const due = dueThisMonth(c, end);
          const red = c.warnings.some((w) => w.red);
          const n = c.next[0];
          return (
            <View key={c.id} className="card pb-item" id={`dev-case-${c.id}`}>
              <View className="pb-item-head">
                <View className="pb-title">{c.name}</View>
                <View className={`pb-status pb-status-${red ? 'overdue' : due.length ? 'open' : 'closed'}`}>
                  {DEVELOPMENT_CASE_STAGE_LABELS[c.stage]}
                </View>
              </View>
              {n && (
                <View className="pb-meta">
                  下一步：第{n.step}步 {n.name}，最早{n.earliestOn}
                </View>
              )}
              {due.map((m, i) => (
                <View key={i} className={red ? 'pb-overdue' : 'pb-meta'} id={`dev-due-${c.id}-${i}`}>
                  {m}
                </View>
              ))}
            </View>
          );
        }}
      </ListBody>
    </View>
  );
}
