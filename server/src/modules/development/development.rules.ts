/**
 * The 发展党员 rules as pure functions over a case's effective step records (OVERSIGHT.md §3):
 * the hard rules a new step must pass (each failure named), what the case looks like after its
 * steps (stage, status, 预备期), the soft warnings with their due dates, and the next steps with
 * their earliest dates. No database and no clock here: the service passes `today`.
 */
import {
  NOTICE_STEPS,
  addMonths,
  addYears,
  ageOn,
  developmentStep,
  nthWorkday,
  workdaysBetween,
  type DevelopmentCaseStage,
  type DevelopmentCaseStatus,
  type DevelopmentNextStep,
  type DevelopmentRule,
  type DevelopmentRuleFailure,
  type DevelopmentVote,
  type DevelopmentWarning,
  type ProbationOutcome,
} from '@djzy/shared';

/** A step record as the rules read it. */
export interface StepFact {
  id: string;
  step: number;
  occurredOn: string;
  outcome: ProbationOutcome | null;
  extensionMonths: number | null;
  noticeFrom: string | null;
  noticeTo: string | null;
}

/** A new step as entered, with the actors already looked up on the roster. */
export interface StepInput {
  step: number;
  occurredOn: string;
  actors: { memberId: string | null; name: string; status: string | null }[];
  vote: DevelopmentVote | null;
  training: { days?: number; hours?: number } | null;
  outcome: ProbationOutcome | null;
  extensionMonths: number | null;
  supersedes: string | null;
}

export interface CaseFacts {
  birthDate: string;
  appliedOn: string;
  memberId: string | null;
  status: DevelopmentCaseStatus;
}

const fail = (rule: DevelopmentRule, message: string): DevelopmentRuleFailure => ({ rule, message });
const label = (step: number) => `第${step}步「${developmentStep(step)?.name ?? ''}」`;
const cn = (day: string) => `${+day.slice(0, 4)}年${+day.slice(5, 7)}月${+day.slice(8, 10)}日`;

/** The records of a step, earliest first. */
function byStep(steps: StepFact[]): Map<number, StepFact[]> {
  const m = new Map<number, StepFact[]>();
  for (const s of [...steps].sort((a, b) => (a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : 0)))
    m.set(s.step, [...(m.get(s.step) ?? []), s]);
  return m;
}
const latest = (m: Map<number, StepFact[]>, step: number): StepFact | undefined => m.get(step)?.at(-1);
const count = (m: Map<number, StepFact[]>, step: number) => m.get(step)?.length ?? 0;
const extensions = (m: Map<number, StepFact[]>) => (m.get(23) ?? []).filter((s) => s.outcome === 'extend');

/** The hard rules at the application (step 1): age ≥ 18, no future date. */
export function checkApplication(birthDate: string, appliedOn: string, today: string): DevelopmentRuleFailure[] {
  const out: DevelopmentRuleFailure[] = [];
  if (appliedOn > today) out.push(fail('future', '递交入党申请书的日期不能晚于今天'));
  if (birthDate > appliedOn || ageOn(birthDate, appliedOn) < 18)
    out.push(fail('age', `递交入党申请书时须年满十八岁（出生日期${cn(birthDate)}，申请日期${cn(appliedOn)}）`));
  return out;
}

/** The 预备期: 1 calendar year from the 支部大会 (step 15), plus an extension. */
export function probationOf(steps: StepFact[]): { start: string | null; end: string | null; extensionMonths: number | null } {
  const m = byStep(steps);
  const start = latest(m, 15)?.occurredOn ?? null;
  const ext = extensions(m)[0]?.extensionMonths ?? null;
  if (!start) return { start: null, end: null, extensionMonths: ext };
  return { start, end: addMonths(addYears(start, 1), ext ?? 0), extensionMonths: ext };
}

/** Whether a step may be recorded now as far as order and repetition go (none of the date rules). */
function orderFailures(m: Map<number, StepFact[]>, step: number, correcting: boolean): DevelopmentRuleFailure[] {
  const def = developmentStep(step)!;
  const out: DevelopmentRuleFailure[] = [];
  const missing = def.after.filter((a) => !count(m, a));
  if (missing.length) out.push(fail('order', `${label(step)}须在${missing.map(label).join('、')}之后`));
  if (correcting) return out;
  if (step === 1) out.push(fail('duplicate', '入党申请书已随发展档案登记；如需更正，请更正第1步的记录'));
  else if (step === 22) {
    if (count(m, 22) >= 1 + extensions(m).length) out.push(fail('duplicate', `${label(22)}已登记；延长预备期后才能再次提出`));
  } else if (step === 23) {
    if (count(m, 22) && count(m, 23) >= count(m, 22)) out.push(fail('order', `${label(23)}须在新的转正申请（第22步）之后`));
  } else if (step === 24) {
    if (count(m, 24)) out.push(fail('duplicate', `${label(24)}已登记`));
    else if (count(m, 23) && latest(m, 23)!.outcome !== 'confirm')
      out.push(fail('outcome', '支部大会未决定按期转正，不能报上级党委审批转正'));
  } else if (!def.repeatable && count(m, step)) out.push(fail('duplicate', `${label(step)}已登记；如需更正，请更正原记录`));
  if (step === 6 && count(m, 7)) out.push(fail('order', '已确定为发展对象，培养教育考察记录请登记在后续步骤'));
  if (step === 21 && count(m, 24)) out.push(fail('order', '已转正，不再登记预备期考察'));
  return out;
}

/** The earliest day a step may carry: not before the steps it follows (and the year and 预备期 rules). */
function earliestOf(m: Map<number, StepFact[]>, steps: StepFact[], step: number): { on: string; after: number | null } {
  const def = developmentStep(step)!;
  let on = '0000-00-00';
  let after: number | null = null;
  const consider = (s: number) => {
    const r = latest(m, s);
    if (r && r.occurredOn > on) [on, after] = [r.occurredOn, s];
  };
  def.after.forEach(consider);
  if (def.repeatable) consider(step);
  if (step === 22) consider(23);
  return { on, after };
}

/**
 * Every hard rule a new step breaks (empty when it may be recorded). `steps` are the case's
 * effective records (superseded ones, and the one being corrected, left out).
 */
export function checkStep(facts: CaseFacts, steps: StepFact[], input: StepInput, today: string): DevelopmentRuleFailure[] {
  const out: DevelopmentRuleFailure[] = [];
  const m = byStep(steps);
  const step = input.step;
  if (facts.status === 'terminated') return [fail('closed', '该发展对象的预备党员资格已取消，发展档案已终止')];
  if (facts.status === 'completed' && !input.supersedes) return [fail('closed', '发展档案已归档，不能再登记步骤')];
  out.push(...orderFailures(m, step, !!input.supersedes));

  if (input.occurredOn > today) out.push(fail('future', `${label(step)}的日期不能晚于今天`));
  const prev = earliestOf(m, steps, step);
  if (prev.after && input.occurredOn < prev.on)
    out.push(fail('before_previous', `${label(step)}的日期不能早于${label(prev.after)}（${cn(prev.on)}）`));
  if (step === 1 && ageOn(facts.birthDate, input.occurredOn) < 18)
    out.push(fail('age', `递交入党申请书时须年满十八岁（出生日期${cn(facts.birthDate)}）`));

  if (step === 7) {
    const activist = latest(m, 3);
    if (activist && input.occurredOn < addYears(activist.occurredOn, 1)) {
      out.push(
        fail(
          'activist_year',
          `确定为入党积极分子（${cn(activist.occurredOn)}）满一年后才能确定为发展对象，最早${cn(addYears(activist.occurredOn, 1))}`,
        ),
      );
    }
  }

  if (step === 5 || step === 9) {
    const who = step === 5 ? '培养联系人' : '入党介绍人';
    const rule: DevelopmentRule = step === 5 ? 'contacts' : 'introducers';
    const ids = input.actors.map((a) => a.memberId);
    const problems: string[] = [];
    if (step === 5 && (input.actors.length < 1 || input.actors.length > 2)) problems.push(`${who}须为一至两名正式党员`);
    if (step === 9 && input.actors.length !== 2) problems.push(`${who}须为两名正式党员`);
    if (ids.some((id) => !id)) problems.push(`${who}须从党员名册中选择`);
    if (new Set(ids.filter(Boolean)).size !== ids.filter(Boolean).length) problems.push(`两名${who}不能是同一人`);
    if (facts.memberId && ids.includes(facts.memberId)) problems.push(`${who}不能是申请人本人`);
    const notFull = input.actors.filter((a) => a.memberId && a.status !== 'full');
    if (notFull.length) problems.push(`${who}须为正式党员（${notFull.map((a) => a.name).join('、')}不是）`);
    if (problems.length) out.push(fail(rule, problems.join('；')));
  }

  if (step === 11) {
    const t = input.training;
    if (!t || !((t.days ?? 0) >= 3 || (t.hours ?? 0) >= 24)) out.push(fail('training', '集中培训时间不少于3天（或不少于24学时）'));
  }

  if (step === 15 || step === 23) {
    const v = input.vote;
    if (!v) out.push(fail('vote_required', '支部大会讨论须登记表决情况（应到、实到、赞成人数）'));
    else {
      const voted = v.agree + (v.oppose ?? 0) + (v.abstain ?? 0);
      if (v.present > v.shouldAttend || voted > v.present || v.agree > v.present) {
        out.push(
          fail(
            'vote_counts',
            `表决人数不符：实到${v.present}人不能多于应到${v.shouldAttend}人，赞成、反对、弃权合计${voted}人不能多于实到人数`,
          ),
        );
      }
      if (v.present * 2 <= v.shouldAttend)
        out.push(fail('quorum', `有表决权的到会人数须超过应到会人数的半数（应到${v.shouldAttend}人，实到${v.present}人）`));
      const yes = v.agree + (v.writtenAgree ?? 0);
      if (yes * 2 <= v.shouldAttend)
        out.push(fail('majority', `赞成人数（含书面意见）须超过应到会有表决权人数的半数（应到${v.shouldAttend}人，赞成${yes}人）`));
    }
  }

  if (step === 22 || step === 23) {
    const p = probationOf(steps);
    if (p.end && input.occurredOn < p.end)
      out.push(fail('probation', `预备期（自支部大会通过之日${cn(p.start!)}起）至${cn(p.end)}届满，${label(step)}不能早于届满之日`));
  }

  if (step === 23) {
    if (!input.outcome) out.push(fail('outcome', '请选择支部大会的决定：按期转正、延长预备期或取消预备党员资格'));
    if (input.outcome === 'extend') {
      if (extensions(m).length) out.push(fail('extension', '预备期只能延长一次'));
      const n = input.extensionMonths;
      if (n == null || n < 6 || n > 12) out.push(fail('extension', '延长预备期的时间不能少于半年，最长不超过一年（6至12个月）'));
    } else if (input.extensionMonths != null) out.push(fail('extension', '只有决定延长预备期时才填写延长月数'));
  }
  return out;
}

/** What a case is after its steps. */
export function caseStateOf(steps: StepFact[]): {
  stage: DevelopmentCaseStage;
  status: DevelopmentCaseStatus;
  lastStep: number;
  lastStepOn: string | null;
} {
  const m = byStep(steps);
  const has = (s: number) => count(m, s) > 0;
  const stage: DevelopmentCaseStage = has(24)
    ? 'full'
    : has(17)
      ? 'probationary'
      : has(7)
        ? 'candidate'
        : has(3)
          ? 'activist'
          : 'applicant';
  const status: DevelopmentCaseStatus =
    latest(m, 23)?.outcome === 'cancel' ? 'terminated' : has(25) ? 'completed' : extensions(m).length && !has(24) ? 'extended' : 'active';
  const top = Math.max(0, ...steps.map((s) => s.step));
  return { stage, status, lastStep: top, lastStepOn: latest(m, top)?.occurredOn ?? null };
}

/** The soft rules: what is due (within a month) or late, with the due date. */
export function warningsOf(
  appliedOn: string,
  steps: StepFact[],
  today: string,
  cal: ReadonlyMap<string, boolean>,
  status: DevelopmentCaseStatus,
): DevelopmentWarning[] {
  const out: DevelopmentWarning[] = [];
  const m = byStep(steps);
  const open = status === 'active' || status === 'extended';
  const pending = (kind: DevelopmentWarning['kind'], message: string, due: string, redAt?: string) => {
    if (today < addMonths(due, -1)) return;
    out.push({ kind, message, dueOn: due, overdue: today > due, red: redAt ? today > redAt : today > due });
  };
  const late = (kind: DevelopmentWarning['kind'], message: string, due: string, done: string, redAt?: string) => {
    if (done > due) out.push({ kind, message, dueOn: due, overdue: true, red: redAt ? done > redAt : true });
  };

  // 谈话 within 1 month of the application.
  const talkDue = addMonths(appliedOn, 1);
  const talk = latest(m, 2);
  if (!talk && open) pending('talk', `收到入党申请书后一个月内应派人谈话（${cn(talkDue)}前）`, talkDue);
  else if (talk) late('talk', `谈话（${cn(talk.occurredOn)}）晚于收到申请后一个月（${cn(talkDue)}）`, talkDue, talk.occurredOn);

  // Half-yearly 考察: activists (3 → 7) and probationary members (17 → 24).
  if (open && count(m, 3) && !count(m, 7)) {
    const last = latest(m, 6)?.occurredOn ?? latest(m, 3)!.occurredOn;
    pending('review', `入党积极分子每半年考察一次，下次考察应于${cn(addMonths(last, 6))}前记录`, addMonths(last, 6));
  }
  if (open && count(m, 17) && !count(m, 24)) {
    const last = [latest(m, 21)?.occurredOn, latest(m, 17)!.occurredOn]
      .filter((x): x is string => !!x)
      .sort()
      .at(-1)!;
    pending('review', `预备党员每半年考察一次，下次考察应于${cn(addMonths(last, 6))}前记录`, addMonths(last, 6));
  }

  // 上级党委审批 within 3 months of the 支部大会 (6 at the most: red).
  const meeting = latest(m, 15);
  if (meeting) {
    const due = addMonths(meeting.occurredOn, 3);
    const red = addMonths(meeting.occurredOn, 6);
    const approval = latest(m, 17);
    if (!approval && open)
      pending('approval', `支部大会通过后三个月内应报上级党委审批（${cn(due)}前；特殊情况最长不超过${cn(red)}）`, due, red);
    else if (approval)
      late('approval', `上级党委审批（${cn(approval.occurredOn)}）超过支部大会后三个月（${cn(due)}）`, due, approval.occurredOn, red);
  }

  // 转正 discussion on expiry; its approval within 3 months.
  const p = probationOf(steps);
  if (open && p.end && count(m, 17) && count(m, 23) <= extensions(m).length)
    pending('confirmation', `预备期于${cn(p.end)}届满，应及时讨论其能否转正`, p.end);
  const decision = latest(m, 23);
  if (open && decision?.outcome === 'confirm' && !count(m, 24)) {
    pending(
      'confirmation_approval',
      `支部大会讨论转正后三个月内应报上级党委审批（${cn(addMonths(decision.occurredOn, 3))}前）`,
      addMonths(decision.occurredOn, 3),
    );
  }

  // 公示 ≥ 5 working days.
  for (const s of steps) {
    if (!(NOTICE_STEPS as readonly number[]).includes(s.step) || !s.noticeFrom || !s.noticeTo) continue;
    const n = workdaysBetween(s.noticeFrom, s.noticeTo, cal);
    if (n < 5)
      out.push({
        kind: 'notice',
        message: `${label(s.step)}的公示只有${n}个工作日（不少于5个工作日，应至${cn(nthWorkday(s.noticeFrom, 5, cal))}）`,
        dueOn: nthWorkday(s.noticeFrom, 5, cal),
        overdue: true,
        red: true,
      });
  }
  return out;
}

/** The steps that may come next, each with its earliest date and soft due date. */
export function nextStepsOf(facts: CaseFacts, steps: StepFact[]): DevelopmentNextStep[] {
  if (facts.status === 'terminated' || facts.status === 'completed') return [];
  const m = byStep(steps);
  const out: DevelopmentNextStep[] = [];
  const p = probationOf(steps);
  for (let step = 2; step <= 25; step++) {
    if (orderFailures(m, step, false).length) continue;
    if (step === 6 && count(m, 6) && count(m, 7)) continue;
    if (step === 21 && count(m, 22) > extensions(m).length) continue;
    let { on } = earliestOf(m, steps, step);
    if (step === 7) on = [on, addYears(latest(m, 3)!.occurredOn, 1)].sort().at(-1)!;
    if ((step === 22 || step === 23) && p.end && p.end > on) on = p.end;
    let due: string | null = null;
    if (step === 2) due = addMonths(facts.appliedOn, 1);
    if (step === 6 || step === 21) due = addMonths(on, 6);
    if (step === 17) due = addMonths(latest(m, 15)!.occurredOn, 3);
    if (step === 23 && p.end) due = p.end;
    if (step === 24) due = addMonths(latest(m, 23)!.occurredOn, 3);
    out.push({ step, name: developmentStep(step)!.name, earliestOn: on, dueOn: due });
  }
  return out;
}
