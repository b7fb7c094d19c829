/**
 * 民主评议党员 and 组织处置: a branch's round for the year (open it on the branch's 民主评议党员
 * meeting), its steps (自评 → 互评 → 测评 → 组织评定 → 反馈 → 报上级), the committee's grades per
 * member (优秀 at most a third; 不合格 with its grounds opens a draft 限期改正) and feedback; below,
 * the org's 组织处置 with each step recorded on its day. 民主测评 by phone: one-time QR slips
 * (printed like 述职评议's), closing the vote, then the tallies (phone + paper) as the committee's
 * reference. The system records what the meetings and committees decided; it never grades or
 * disposes on its own.
 */
import {
  APPRAISAL_GRADE_LABELS,
  APPRAISAL_GRADES,
  APPRAISAL_ROUND_STATUS_LABELS,
  ApiError,
  DISPOSAL_GROUND_LABELS,
  DISPOSAL_GROUNDS,
  DISPOSAL_KIND_LABELS,
  DISPOSAL_STATUS_LABELS,
  type AppraisalGrade,
  type AppraisalMove,
  type AppraisalRoundView,
  type AppraisalView,
  type AppraisalTally,
  type AppraisalVoteResults,
  type DisposalGround,
  type DisposalMove,
  type DisposalView,
} from '@djzy/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { listActivities } from '../../api/activities';
import {
  appraisalSlipsKey,
  appraisalVoteResults,
  closeAppraisalVote,
  createRound,
  giveFeedback,
  issueAppraisalTokens,
  moveRound,
  setGrades,
  setPaperTallies,
  stepDisposal,
  useDisposals,
  useRounds,
} from '../../api/appraisal';
import { FormDrawer } from '../../components/FormDrawer';
import { RecordToolbar, useRecordScope } from '../records/common';

const MOVE_LABELS: Record<AppraisalMove, string> = {
  'open-self-review': '开始个人自评',
  'open-peer-review': '开始党员互评',
  'open-vote': '开始民主测评',
  'open-rating': '进入组织评定',
  decide: '确定等次并反馈',
  report: '报上级党委',
};
const STEP_LABELS: Record<DisposalMove, string> = {
  propose: '支委会提出',
  file: '向党委备案',
  investigate: '调查核实',
  talk: '组织谈话',
  pretrial: '上级预审',
  vote: '支部大会表决',
  approve: '党委审批',
  effect: '宣布生效',
  'expiry-review': '期满考察',
  withdraw: '撤销',
};
const message = (e: unknown) => (e instanceof ApiError ? (e.fieldErrors[0]?.message ?? e.message) : '操作失败，请重试');

export function AppraisalPage() {
  const s = useRecordScope();
  const queryClient = useQueryClient();
  const rounds = useRounds(s.scope);
  const disposals = useDisposals(s.orgId ? { orgId: s.orgId } : null);
  const [error, setError] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [stepping, setStepping] = useState<{ d: DisposalView; move: DisposalMove } | null>(null);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['appraisal-rounds'] });
    void queryClient.invalidateQueries({ queryKey: ['disposals'] });
  };
  const run = async (f: () => Promise<unknown>) => {
    setError(null);
    try {
      await f();
      refresh();
    } catch (e) {
      setError(message(e));
    }
  };
  const round = rounds.data?.[0] ?? null;

  return (
    <Card size="small" title="民主评议党员与组织处置">
      <RecordToolbar scope={s} prefix="appraisal" />
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          style={{ marginBottom: 12 }}
          data-testid="appraisal-error"
          closable
          onClose={() => setError(null)}
        />
      )}
      {warnings.map((w) => (
        <Alert key={w} type="warning" showIcon title={w} style={{ marginBottom: 12 }} data-testid="appraisal-warning" />
      ))}
      {s.scope && !rounds.isFetching && !round && (
        <OpenRound orgId={s.scope.orgId} year={s.scope.year} onOpened={refresh} onError={setError} />
      )}
      {round && (
        <RoundView
          round={round}
          onMove={(m) => run(() => moveRound(round.id, m))}
          onGrade={(a, grade, grounds) =>
            run(async () => {
              const res = await setGrades(round.id, { grades: [{ memberId: a.memberId, grade, grounds }] });
              setWarnings(res.warnings);
            })
          }
          onFeedback={(a) => run(() => giveFeedback(round.id, a.memberId))}
        />
      )}
      {round && <VotePanel round={round} run={run} />}
      <div style={{ fontWeight: 500, margin: '16px 0 8px' }}>组织处置</div>
      <Table<DisposalView>
        rowKey="id"
        size="small"
        data-testid="disposals-table"
        dataSource={disposals.data ?? []}
        loading={disposals.isFetching}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '暂无组织处置' }}
        columns={[
          { title: '党员', dataIndex: 'memberName', width: 100 },
          { title: '方式', dataIndex: 'kind', width: 100, render: (k: DisposalView['kind']) => DISPOSAL_KIND_LABELS[k] },
          { title: '依据', key: 'grounds', render: (_, d) => d.grounds.map((g) => <Tag key={g}>{DISPOSAL_GROUND_LABELS[g]}</Tag>) },
          { title: '状态', dataIndex: 'status', width: 140, render: (st: DisposalView['status']) => DISPOSAL_STATUS_LABELS[st] },
          { title: '批准', dataIndex: 'approvedOn', width: 110, render: (v: string | null) => v ?? '—' },
          { title: '改正期限', dataIndex: 'rectifyUntil', width: 110, render: (v: string | null) => v ?? '—' },
          {
            title: '下一步',
            key: 'op',
            width: 220,
            render: (_, d) => (
              <Space size={0} wrap>
                {d.allowedMoves.map((m) => (
                  <Button
                    key={m}
                    type="link"
                    size="small"
                    danger={m === 'withdraw'}
                    onClick={() => setStepping({ d, move: m })}
                    data-testid={`disposal-${m}-${d.id}`}
                  >
                    {STEP_LABELS[m]}
                  </Button>
                ))}
              </Space>
            ),
          },
        ]}
      />
      {stepping && <StepDrawer {...stepping} onClose={() => setStepping(null)} onSaved={() => (setStepping(null), refresh())} />}
    </Card>
  );
}

function OpenRound(props: { orgId: string; year: number; onOpened(): void; onError(m: string): void }) {
  const meetings = useQuery({
    queryKey: ['appraisal-meetings', props.orgId, props.year],
    // Every page of the year (a branch with its groups may hold more than a page of activities); times as the API takes them.
    queryFn: async () => {
      const q = { orgId: props.orgId, from: `${props.year}-01-01T00:00:00+08:00`, to: `${props.year}-12-31T23:59:59+08:00`, pageSize: 100 };
      const first = await listActivities({ ...q, page: 1 });
      const items = [...first.items];
      for (let page = 2; items.length < first.total && page <= 20; page++) items.push(...(await listActivities({ ...q, page })).items);
      return { items };
    },
  });
  const [meetingId, setMeetingId] = useState<string | undefined>();
  const open = useMutation({ mutationFn: () => createRound({ orgId: props.orgId, year: props.year, meetingActivityId: meetingId! }) });
  const options = (meetings.data?.items ?? [])
    .filter((a) => a.kind === 'democratic_appraisal' && a.status !== 'cancelled')
    .map((a) => ({ value: a.id, label: `${a.title}（${a.startsAt.slice(0, 10)}）` }));
  return (
    <Space wrap style={{ marginBottom: 12 }} data-testid="appraisal-open">
      <span>本年度尚未开展民主评议。评议会议：</span>
      <Select
        style={{ width: 320 }}
        value={meetingId}
        onChange={setMeetingId}
        options={options}
        placeholder={options.length ? '选择本支部的“民主评议党员”会议' : '请先在活动管理中创建“民主评议党员”会议'}
        data-testid="appraisal-meeting"
      />
      <Button
        type="primary"
        disabled={!meetingId}
        loading={open.isPending}
        onClick={() => open.mutateAsync().then(props.onOpened, (e: unknown) => props.onError(message(e)))}
        data-testid="appraisal-open-save"
      >
        开展评议
      </Button>
    </Space>
  );
}

function RoundView(props: {
  round: AppraisalRoundView;
  onMove(m: AppraisalMove): void;
  onGrade(a: AppraisalView, g: AppraisalGrade, grounds?: DisposalGround[]): void;
  onFeedback(a: AppraisalView): void;
}) {
  const r = props.round;
  const [grounds, setGrounds] = useState<Record<string, DisposalGround[]>>({});
  const columns: ColumnsType<AppraisalView> = [
    {
      title: '党员',
      dataIndex: 'memberName',
      width: 100,
      render: (n: string, a) => `${n}${a.memberStatus === 'probationary' ? '（预备）' : ''}`,
    },
    { title: '参评', key: 'ex', width: 110, render: (_, a) => (a.excludedReason ? <Tag>不参评</Tag> : '参评') },
    { title: '自评', dataIndex: 'selfReview', ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: '测评票（优/合/基/不）',
      key: 'tally',
      width: 150,
      render: (_, a) => (a.tally ? `${a.tally.excellent}/${a.tally.qualified}/${a.tally.basicallyQualified}/${a.tally.unqualified}` : '—'),
    },
    {
      title: '等次',
      key: 'grade',
      width: 330,
      render: (_, a) =>
        a.excludedReason ? (
          '—'
        ) : r.status === 'rating' ? (
          <Space>
            <Select<AppraisalGrade>
              style={{ width: 110 }}
              value={a.grade ?? undefined}
              placeholder="评定"
              options={APPRAISAL_GRADES.map((g) => ({ value: g, label: APPRAISAL_GRADE_LABELS[g] }))}
              onChange={(g) => g !== 'unqualified' && props.onGrade(a, g)}
              data-testid={`grade-${a.memberId}`}
            />
            <Select<DisposalGround[]>
              mode="multiple"
              style={{ width: 160 }}
              placeholder="不合格依据"
              value={grounds[a.memberId] ?? a.grounds}
              options={DISPOSAL_GROUNDS.map((g) => ({ value: g, label: DISPOSAL_GROUND_LABELS[g] }))}
              onChange={(v) => setGrounds((x) => ({ ...x, [a.memberId]: v }))}
            />
            <Button
              size="small"
              disabled={!(grounds[a.memberId] ?? []).length}
              onClick={() => props.onGrade(a, 'unqualified', grounds[a.memberId])}
            >
              评为不合格
            </Button>
          </Space>
        ) : a.grade ? (
          APPRAISAL_GRADE_LABELS[a.grade]
        ) : (
          '—'
        ),
    },
    {
      title: '反馈',
      key: 'fb',
      width: 110,
      render: (_, a) =>
        a.excludedReason ? (
          '—'
        ) : a.feedbackAt ? (
          '已反馈'
        ) : r.status === 'feedback' ? (
          <Button type="link" size="small" onClick={() => props.onFeedback(a)} data-testid={`feedback-${a.memberId}`}>
            已告知本人
          </Button>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Tag color="red" data-testid="appraisal-status">
          {APPRAISAL_ROUND_STATUS_LABELS[r.status]}
        </Tag>
        <span>
          {r.meetingTitle}：参评 {r.membersInScope} 名，优秀不超过 {r.excellentQuota} 名
        </span>
        {r.allowedMoves.map((m) => (
          <Button key={m} type="primary" size="small" onClick={() => props.onMove(m)} data-testid={`round-${m}`}>
            {MOVE_LABELS[m]}
          </Button>
        ))}
      </Space>
      <Table<AppraisalView>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={r.appraisals}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        data-testid="appraisal-table"
      />
    </>
  );
}

const TOKEN_STATES: AppraisalRoundView['status'][] = ['preparing', 'self_review', 'peer_review', 'voting'];
const tallyText = (t: AppraisalTally | null) => (t ? `${t.excellent} / ${t.qualified} / ${t.basicallyQualified} / ${t.unqualified}` : '—');

/** 民主测评 by phone: the slips, closing, and the tallies once closed (the committee's reference). */
function VotePanel(props: { round: AppraisalRoundView; run(f: () => Promise<unknown>): Promise<void> }) {
  const r = props.round;
  const [count, setCount] = useState<number | null>(r.membersInScope || 1);
  const [paper, setPaper] = useState(false);
  const closed = !!r.vote.closedAt || ['rating', 'feedback', 'reported'].includes(r.status);
  const results = useQuery({
    queryKey: ['appraisal-vote', r.id, r.vote.closedAt],
    queryFn: () => appraisalVoteResults(r.id),
    enabled: closed,
  });
  const issue = () =>
    props.run(async () => {
      const res = await issueAppraisalTokens(r.id, count ?? 1);
      sessionStorage.setItem(appraisalSlipsKey(r.id), JSON.stringify({ title: r.meetingTitle, year: r.year, tokens: res.tokens }));
      window.open(`/console/care/appraisal/${r.id}/slips`, '_blank');
    });
  return (
    <div style={{ margin: '12px 0' }} data-testid="appraisal-vote">
      <div style={{ fontWeight: 500, marginBottom: 8 }}>民主测评（手机扫码，无记名）</div>
      <Space wrap style={{ marginBottom: 8 }}>
        <span data-testid="appraisal-vote-counts">
          测评票已生成 {r.vote.tokensIssued} 张，已投 {r.vote.tokensUsed} 张{closed ? '；测评已结束' : ''}
        </span>
        {TOKEN_STATES.includes(r.status) && !r.vote.closedAt && (
          <>
            <InputNumber
              min={1}
              max={500}
              precision={0}
              value={count}
              onChange={setCount}
              style={{ width: 90 }}
              data-testid="appraisal-token-count"
            />
            <Button size="small" onClick={issue} data-testid="appraisal-issue-tokens">
              生成测评票并打印
            </Button>
          </>
        )}
        {r.status === 'voting' && (
          <Button size="small" onClick={() => setPaper(true)} data-testid="appraisal-paper">
            录入纸质票
          </Button>
        )}
        {r.status === 'voting' && !r.vote.closedAt && (
          <Button size="small" danger onClick={() => props.run(() => closeAppraisalVote(r.id))} data-testid="appraisal-close-vote">
            结束测评
          </Button>
        )}
      </Space>
      {!closed && <div style={{ color: '#888' }}>测评结束后显示各党员的得票情况（纸质票可在测评阶段录入，一并统计）。</div>}
      {closed && results.data && <VoteResults results={results.data} />}
      {paper && <PaperDrawer round={r} onClose={() => setPaper(false)} run={props.run} />}
    </div>
  );
}

type PaperRow = { memberId: string } & AppraisalTally;
const TALLY_FIELDS: [keyof AppraisalTally, string][] = [
  ['excellent', '优秀'],
  ['qualified', '合格'],
  ['basicallyQualified', '基本合格'],
  ['unqualified', '不合格'],
];

/** 纸质票: the clerk's counts per member (the alternative to the phone vote); a row left empty is not sent. */
function PaperDrawer(props: { round: AppraisalRoundView; onClose(): void; run(f: () => Promise<unknown>): Promise<void> }) {
  const inScope = props.round.appraisals.filter((a) => !a.excludedReason);
  const [rows, setRows] = useState<Record<string, Partial<AppraisalTally>>>(() =>
    Object.fromEntries(inScope.map((a) => [a.memberId, a.tally ?? {}])),
  );
  const [saving, setSaving] = useState(false);
  const save = async () => {
    const tallies: PaperRow[] = inScope
      .filter((a) => TALLY_FIELDS.some(([k]) => rows[a.memberId]?.[k] != null))
      .map(
        (a) =>
          ({ memberId: a.memberId, excellent: 0, qualified: 0, basicallyQualified: 0, unqualified: 0, ...rows[a.memberId] }) as PaperRow,
      );
    if (!tallies.length) return props.onClose();
    setSaving(true);
    await props.run(() => setPaperTallies(props.round.id, { tallies }));
    setSaving(false);
    props.onClose();
  };
  return (
    <FormDrawer
      title="录入纸质测评票（按每位党员的得票数）"
      open
      onClose={props.onClose}
      onSave={save}
      saving={saving}
      size={620}
      testId="appraisal-paper-drawer"
      saveTestId="appraisal-paper-save"
    >
      <Table<AppraisalView>
        rowKey="memberId"
        size="small"
        pagination={false}
        dataSource={inScope}
        columns={[
          { title: '党员', dataIndex: 'memberName', width: 100 },
          ...TALLY_FIELDS.map(([k, label]) => ({
            title: label,
            key: k,
            render: (_: unknown, a: AppraisalView) => (
              <InputNumber
                min={0}
                precision={0}
                style={{ width: 80 }}
                value={rows[a.memberId]?.[k] ?? null}
                onChange={(v) => setRows((x) => ({ ...x, [a.memberId]: { ...x[a.memberId], [k]: v ?? undefined } }))}
                data-testid={`paper-${a.memberId}-${k}`}
              />
            ),
          })),
        ]}
      />
    </FormDrawer>
  );
}

function VoteResults(props: { results: AppraisalVoteResults }) {
  const v = props.results;
  return (
    <>
      <div style={{ marginBottom: 8 }} data-testid="appraisal-vote-summary">
        有效票 {v.validBallots} 张（手机 {v.phoneBallots}，纸质 {v.paperBallots}），参评党员 {v.membersInScope}{' '}
        名。得票供支委会评定时参考，等次由组织评定。
      </div>
      {v.warning && <Alert type="warning" showIcon title={v.warning} style={{ marginBottom: 8 }} data-testid="appraisal-vote-warning" />}
      <Table<AppraisalVoteResults['rows'][number]>
        rowKey="memberId"
        size="small"
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        dataSource={v.rows}
        data-testid="appraisal-vote-results"
        columns={[
          { title: '党员', dataIndex: 'memberName', width: 120 },
          { title: '手机票（优/合/基/不）', key: 'phone', render: (_, x) => tallyText(x.phone) },
          { title: '纸质票', key: 'paper', render: (_, x) => tallyText(x.paper) },
          { title: '合计', key: 'total', render: (_, x) => tallyText(x.total) },
          // A ballot that left the member ungraded is valid and counts as 弃权 for them.
          {
            title: '弃权',
            key: 'abstain',
            width: 70,
            render: (_, x) => <span data-testid={`appraisal-abstain-${x.memberId}`}>{x.abstain.total}</span>,
          },
        ]}
      />
    </>
  );
}

function StepDrawer(props: { d: DisposalView; move: DisposalMove; onClose(): void; onSaved(): void }) {
  const [form] = Form.useForm<{
    on: Dayjs;
    text?: string;
    shouldAttend?: number;
    present?: number;
    agree?: number;
    against?: number;
    abstain?: number;
    result?: 'changed' | 'unchanged';
  }>();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({ mutationFn: (body: object) => stepDisposal(props.d.id, props.move, body) });
  const m = props.move;
  return (
    <FormDrawer
      title={`${STEP_LABELS[m]}：${props.d.memberName}（${DISPOSAL_KIND_LABELS[props.d.kind]}）`}
      open
      onClose={props.onClose}
      onSave={() => form.submit()}
      saving={save.isPending}
      size={480}
      testId="disposal-step-drawer"
      saveTestId="disposal-step-save"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="disposal-step-error" />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ on: dayjs(), result: 'changed' }}
        onFinish={(v) => {
          setError(null);
          const on = v.on.format('YYYY-MM-DD');
          const body =
            m === 'vote'
              ? {
                  on,
                  shouldAttend: v.shouldAttend,
                  present: v.present,
                  agree: v.agree,
                  against: v.against,
                  abstain: v.abstain,
                  defenceNote: v.text?.trim() || undefined,
                }
              : m === 'expiry-review'
                ? { on, result: v.result, text: v.text?.trim() || undefined }
                : { on, text: v.text?.trim() || undefined };
          save.mutateAsync(body).then(props.onSaved, (e: unknown) => setError(message(e)));
        }}
      >
        <Form.Item name="on" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        {m === 'vote' && (
          <Space wrap>
            {(['shouldAttend', 'present', 'agree', 'against', 'abstain'] as const).map((k) => (
              <Form.Item
                key={k}
                name={k}
                label={{ shouldAttend: '应到', present: '实到', agree: '赞成', against: '反对', abstain: '弃权' }[k]}
                rules={[{ required: true, message: '请填写' }]}
              >
                <InputNumber min={0} precision={0} style={{ width: 80 }} data-testid={`vote-${k}`} />
              </Form.Item>
            ))}
          </Space>
        )}
        {m === 'expiry-review' && (
          <Form.Item name="result" label="考察结果">
            <Select
              options={[
                { value: 'changed', label: '已改正' },
                { value: 'unchanged', label: '仍无转变' },
              ]}
            />
          </Form.Item>
        )}
        <Form.Item
          name="text"
          label={m === 'vote' ? '本人申辩情况' : m === 'withdraw' ? '撤销原因' : '记录（调查情况、谈话记录、预审意见等）'}
        >
          <Input.TextArea rows={3} maxLength={2000} data-testid="disposal-step-text" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
