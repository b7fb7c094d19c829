/**
 * 述职评议: the sessions of the caller's townships (each on a 述职测评会), and for the one picked —
 * its state and the next move, the reporters' duty reports (pre-filled from the records; 通过 or
 * 退回), 测评票 (issue and print the QR slips), the paper tally with its witness, the results (only
 * after voting closes, with the warning when too few ballots came back), the committee's grades
 * with the meeting that decided, and 点评 → 问题清单.
 */
import { PlusOutlined } from '@ant-design/icons';
import {
  REVIEW_GRADE_LABELS,
  REVIEW_SESSION_MOVES,
  REVIEW_SESSION_STATUS_LABELS,
  REVIEW_TALLY_STATES,
  REVIEW_TOKEN_STATES,
  DUTY_REPORT_STATUS_LABELS,
  LIMITS,
  type ActivityView,
  type DutyReportView,
  type ReviewGrade,
  type ReviewReporterView,
  type ReviewSessionView,
} from '@djzy/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { listActivities } from '../../api/activities';
import { showError } from '../../api/client';
import {
  addReviewComment,
  commentToProblem,
  createReviewSession,
  enterPaperTally,
  issueBallotTokens,
  moveReviewSession,
  rateReviewSession,
  reviewCandidates,
  reviewDutyReport,
  reviewKeys,
  submitDutyReport,
  writeDutyReport,
  slipsKey,
  updateReviewSession,
  useDutyReports,
  useReviewComments,
  useReviewResults,
  useReviewSessions,
  type ReviewMove,
} from '../../api/review';
import { yearOptions } from '../problems/labels';

const MOVE_LABELS: Record<ReviewMove, string> = {
  'reports-due': '通知提交述职报告',
  open: '开始测评',
  close: '结束测评',
  publish: '通报结果',
};
const gradeLabel = (g: ReviewGrade | null) => (g ? REVIEW_GRADE_LABELS[g] : '—');

export function ReviewPage() {
  const [year, setYear] = useState<number | ''>('');
  const [picked, setPicked] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const sessions = useReviewSessions(year);
  const session = sessions.data?.find((s) => s.id === picked) ?? null;

  const columns: ColumnsType<ReviewSessionView> = [
    { title: '述职评议会', dataIndex: 'activityTitle', ellipsis: true },
    { title: '组织单位', dataIndex: 'organizerOrgName', width: 140 },
    { title: '评议年度', dataIndex: 'year', width: 90 },
    { title: '会议时间', dataIndex: 'activityStartsAt', width: 150, render: (v: string) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '') },
    { title: '述职人', key: 'n', width: 80, render: (_, s) => `${s.reporters.length} 人` },
    { title: '测评票', key: 't', width: 110, render: (_, s) => `${s.tokensUsed} / ${s.tokensIssued}` },
    {
      title: '状态',
      dataIndex: 'status',
      width: 150,
      render: (v: ReviewSessionView['status']) => <Tag color="red">{REVIEW_SESSION_STATUS_LABELS[v]}</Tag>,
    },
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card
        size="small"
        title="述职评议"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="review-new">
            新建述职评议
          </Button>
        }
      >
        <Space style={{ marginBottom: 12 }}>
          <Select<number | ''>
            style={{ width: 120 }}
            value={year}
            onChange={setYear}
            options={[{ value: '', label: '全部年度' }, ...yearOptions()]}
            data-testid="review-year"
          />
          <Typography.Text type="secondary">
            测评在会场内进行：一次性测评票（扫码）或纸质测评表；等次由党委会研究确定，测评结果仅作参考。
          </Typography.Text>
        </Space>
        <Table<ReviewSessionView>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={sessions.data ?? []}
          loading={sessions.isFetching}
          pagination={false}
          locale={{ emptyText: '暂无述职评议' }}
          onRow={(s) => ({
            onClick: () => setPicked(s.id),
            style: { cursor: 'pointer', background: s.id === picked ? '#fff1f0' : undefined },
          })}
          data-testid="review-sessions"
        />
      </Card>
      {session && <SessionDetail key={session.id} session={session} />}
      {creating && <CreateDialog onClose={() => setCreating(false)} onCreated={(s) => (setCreating(false), setPicked(s.id))} />}
    </Space>
  );
}

function CreateDialog(props: { onClose(): void; onCreated(s: ReviewSessionView): void }) {
  const queryClient = useQueryClient();
  const [meetings, setMeetings] = useState<ActivityView[] | null>(null);
  const [activityId, setActivityId] = useState<string>();
  const [candidates, setCandidates] = useState<ReviewReporterView[]>([]);
  const [reporters, setReporters] = useState<string[]>([]);
  const [scale, setScale] = useState<'four' | 'cadre'>('four');
  const [attendees, setAttendees] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  if (meetings === null) {
    setMeetings([]);
    void listActivities({ pageSize: 100 }).then((p) => setMeetings(p.items.filter((a) => a.kind === 'review_meeting')));
  }
  const pickMeeting = async (id: string) => {
    setActivityId(id);
    try {
      const list = await reviewCandidates(id);
      setCandidates(list);
      setReporters(list.map((c) => c.memberId));
    } catch (e) {
      showError(e);
    }
  };
  const save = async () => {
    if (!activityId || !reporters.length) return;
    setSaving(true);
    try {
      const s = await createReviewSession({
        activityId,
        reporterMemberIds: reporters,
        grades: scale === 'cadre' ? ['excellent', 'qualified', 'basically_qualified', 'unqualified'] : undefined,
        attendeeCount: attendees ?? undefined,
      });
      void queryClient.invalidateQueries({ queryKey: reviewKeys.all });
      props.onCreated(s);
    } catch (e) {
      showError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      title="新建述职评议"
      open
      onCancel={props.onClose}
      onOk={save}
      okText="保存"
      confirmLoading={saving}
      okButtonProps={{ disabled: !activityId || !reporters.length, 'data-testid': 'review-create-save' } as never}
      width={640}
    >
      <Form layout="vertical">
        <Form.Item label="述职测评会（活动类型为“述职测评会”）" required>
          <Select
            data-testid="review-create-meeting"
            value={activityId}
            onChange={pickMeeting}
            placeholder="请选择会议"
            options={(meetings ?? []).map((a) => ({ value: a.id, label: `${a.title}（${dayjs(a.startsAt).format('YYYY-MM-DD')}）` }))}
          />
        </Form.Item>
        <Form.Item label="述职人（默认为各村党支部书记）" required>
          <Select
            mode="multiple"
            value={reporters}
            onChange={setReporters}
            options={candidates.map((c) => ({ value: c.memberId, label: `${c.name}（${c.orgName}）` }))}
            data-testid="review-create-reporters"
          />
        </Form.Item>
        <Form.Item label="测评等次">
          <Select
            value={scale}
            onChange={setScale}
            options={[
              { value: 'four', label: '好 / 较好 / 一般 / 差' },
              { value: 'cadre', label: '优秀 / 合格 / 基本合格 / 不合格' },
            ]}
          />
        </Form.Item>
        <Form.Item label="应到测评人数（有效票少于其三分之二时提示）">
          <InputNumber min={0} max={5000} value={attendees} onChange={(v) => setAttendees(v)} data-testid="review-create-attendees" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function nextMoves(s: ReviewSessionView): ReviewMove[] {
  return (Object.keys(MOVE_LABELS) as ReviewMove[]).filter((m) => (REVIEW_SESSION_MOVES[m] as readonly string[]).includes(s.status));
}

function SessionDetail({ session }: { session: ReviewSessionView }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: reviewKeys.all });
  const move = async (m: ReviewMove) => {
    setBusy(true);
    try {
      await moveReviewSession(session.id, m);
      message.success(`已${MOVE_LABELS[m]}`);
      await refresh();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  const closed = ['voting_closed', 'rated', 'published'].includes(session.status);
  return (
    <Card size="small" title={`${session.activityTitle}（${session.year}年度）`} data-testid="review-detail">
      <Descriptions size="small" column={3} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="状态">
          <Tag color="red" data-testid="review-status">
            {REVIEW_SESSION_STATUS_LABELS[session.status]}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label="测评等次">{session.gradeScale.map((g) => REVIEW_GRADE_LABELS[g]).join(' / ')}</Descriptions.Item>
        <Descriptions.Item label="测评票">
          已投 {session.tokensUsed} / 已发 {session.tokensIssued}
        </Descriptions.Item>
        <Descriptions.Item label="应到人数">
          <AttendeeEditor session={session} onSaved={refresh} />
        </Descriptions.Item>
        <Descriptions.Item label="有效票下限">
          应到人数的 {session.minValidShare.numerator}/{session.minValidShare.denominator}
        </Descriptions.Item>
        {session.decisionNote && (
          <Descriptions.Item label="等次确定">{`${session.decisionNote}（${session.decidedByName ?? ''} 录入）`}</Descriptions.Item>
        )}
      </Descriptions>
      <Space style={{ marginBottom: 12 }}>
        {nextMoves(session).map((m) => (
          <Button key={m} type="primary" loading={busy} onClick={() => move(m)} data-testid={`review-move-${m}`}>
            {MOVE_LABELS[m]}
          </Button>
        ))}
        {REVIEW_TOKEN_STATES.includes(session.status) && <TokensButton session={session} onIssued={refresh} />}
      </Space>
      <Tabs
        items={[
          { key: 'reports', label: '述职报告', children: <ReportsTab session={session} /> },
          ...(REVIEW_TALLY_STATES.includes(session.status)
            ? [{ key: 'tally', label: '纸质票录入', children: <TallyTab session={session} /> }]
            : []),
          {
            key: 'results',
            label: '测评结果与等次',
            children: closed ? (
              <ResultsTab session={session} />
            ) : (
              <Alert type="info" showIcon message="测评结果在结束测评后才能查看。" data-testid="review-results-hidden" />
            ),
          },
          { key: 'comments', label: '点评', children: <CommentsTab session={session} /> },
        ]}
      />
    </Card>
  );
}

function AttendeeEditor({ session, onSaved }: { session: ReviewSessionView; onSaved(): void }) {
  const [value, setValue] = useState<number | null>(session.attendeeCount);
  const editable = !['rated', 'published'].includes(session.status);
  if (!editable) return <span>{session.attendeeCount} 人</span>;
  return (
    <Space size={4}>
      <InputNumber size="small" min={0} max={5000} value={value} onChange={setValue} style={{ width: 90 }} data-testid="review-attendees" />
      <Button
        size="small"
        onClick={() =>
          updateReviewSession(session.id, { attendeeCount: value ?? 0 })
            .then(onSaved)
            .catch(showError)
        }
        data-testid="review-attendees-save"
      >
        保存
      </Button>
    </Space>
  );
}

function TokensButton({ session, onIssued }: { session: ReviewSessionView; onIssued(): void }) {
  const [open, setOpen] = useState(false);
  const [count, setCount] = useState<number | null>(session.attendeeCount || 30);
  const [busy, setBusy] = useState(false);
  const issue = async () => {
    if (!count) return;
    setBusy(true);
    try {
      const res = await issueBallotTokens(session.id, count);
      sessionStorage.setItem(
        slipsKey(session.id),
        JSON.stringify({ title: session.activityTitle, year: session.year, tokens: res.tokens }),
      );
      setOpen(false);
      onIssued();
      window.open(`/console/report/review/${session.id}/slips`, '_blank');
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="review-tokens">
        生成并打印测评票
      </Button>
      <Modal
        title="生成测评票"
        open={open}
        onCancel={() => setOpen(false)}
        onOk={issue}
        confirmLoading={busy}
        okText="生成并打印"
        okButtonProps={{ 'data-testid': 'review-tokens-ok' } as never}
      >
        <p>每张测评票一个二维码，只能使用一次，会场内发给参加测评的人员。测评票只显示这一次，请生成后立即打印。</p>
        <InputNumber min={1} max={500} value={count} onChange={setCount} addonAfter="张" data-testid="review-tokens-count" />
      </Modal>
    </>
  );
}

function ReportsTab({ session }: { session: ReviewSessionView }) {
  const reports = useDutyReports(session.id);
  const queryClient = useQueryClient();
  const [viewing, setViewing] = useState<DutyReportView | null>(null);
  const [writing, setWriting] = useState<DutyReportView | null>(null);
  const [text, setText] = useState('');
  const write = async (submit: boolean) => {
    if (!writing) return;
    try {
      await writeDutyReport(writing.id, text);
      if (submit) await submitDutyReport(writing.id);
      setWriting(null);
      await queryClient.invalidateQueries({ queryKey: reviewKeys.reports(session.id) });
    } catch (e) {
      showError(e);
    }
  };
  const act = async (r: DutyReportView, move: 'accept' | 'return') => {
    let note: string | undefined;
    if (move === 'return') {
      note = window.prompt('退回意见（如：请补充问题整改情况）') ?? undefined;
      if (!note) return;
    }
    try {
      await reviewDutyReport(r.id, move, note);
      await queryClient.invalidateQueries({ queryKey: reviewKeys.reports(session.id) });
    } catch (e) {
      showError(e);
    }
  };
  if (session.status === 'planned')
    return <Alert type="info" showIcon message="点击“通知提交述职报告”后，系统按各村记录生成述职报告（数据自动取数，无需填报）。" />;
  return (
    <>
      <Table<DutyReportView>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={reports.data ?? []}
        loading={reports.isFetching}
        data-testid="review-reports"
        columns={[
          { title: '述职人', dataIndex: 'reporterName', width: 100 },
          { title: '党支部', dataIndex: 'orgName' },
          { title: '状态', dataIndex: 'status', width: 110, render: (s: DutyReportView['status']) => DUTY_REPORT_STATUS_LABELS[s] },
          {
            title: '操作',
            key: 'op',
            width: 200,
            render: (_, r) => (
              <Space>
                <a onClick={() => setViewing(r)}>查看</a>
                {(r.status === 'draft' || r.status === 'returned') && (
                  <a onClick={() => (setWriting(r), setText(r.body))} data-testid={`report-write-${r.id}`}>
                    代为录入
                  </a>
                )}
                {r.status === 'submitted' && <a onClick={() => act(r, 'accept')}>通过</a>}
                {r.status === 'submitted' && <a onClick={() => act(r, 'return')}>退回</a>}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        title={writing ? `录入${writing.reporterName}的述职报告正文` : ''}
        open={!!writing}
        onCancel={() => setWriting(null)}
        width={760}
        footer={
          <Space>
            <Button onClick={() => setWriting(null)}>取消</Button>
            <Button onClick={() => write(false)}>保存</Button>
            <Button type="primary" onClick={() => write(true)} data-testid="report-submit">
              保存并提交
            </Button>
          </Space>
        }
      >
        {writing?.returnedNote && (
          <Alert type="warning" showIcon message={`退回意见：${writing.returnedNote}`} style={{ marginBottom: 8 }} />
        )}
        <Typography.Text type="secondary">由述职人撰写（纸质稿可由乡镇代为录入）。各项数据由系统按记录生成，无需填写。</Typography.Text>
        <Input.TextArea
          rows={14}
          value={text}
          onChange={(e) => setText(e.target.value)}
          maxLength={LIMITS.dutyReportBody}
          data-testid="report-body"
        />
      </Modal>
      <Modal
        title={viewing ? `${viewing.reporterName}的述职报告` : ''}
        open={!!viewing}
        onCancel={() => setViewing(null)}
        footer={null}
        width={760}
      >
        {viewing && (
          <>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{viewing.body || '（尚未撰写正文）'}</Typography.Paragraph>
            <Typography.Text type="secondary">
              以下数据由系统按记录自动生成（{dayjs(viewing.figuresAt).format('YYYY-MM-DD HH:mm')}），不可手工修改：
            </Typography.Text>
            <Table
              size="small"
              rowKey="no"
              pagination={false}
              dataSource={viewing.figures}
              columns={[
                { title: '序号', dataIndex: 'no', width: 60 },
                { title: '项目', dataIndex: 'label' },
                { title: '数值', key: 'v', width: 120, render: (_, f) => (f.value == null ? '—' : `${f.value} ${f.unit}`) },
              ]}
            />
          </>
        )}
      </Modal>
    </>
  );
}

function TallyTab({ session }: { session: ReviewSessionView }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [papers, setPapers] = useState<number | null>(null);
  const [witness, setWitness] = useState('');
  const [counts, setCounts] = useState<Record<string, Partial<Record<ReviewGrade, number>>>>({});
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      await enterPaperTally(session.id, {
        papers: papers ?? 0,
        witnessName: witness.trim(),
        counts: session.reporters.map((r) => ({ reporterMemberId: r.memberId, counts: counts[r.memberId] ?? {} })),
      });
      message.success('纸质票已录入');
      setCounts({});
      setPapers(null);
      await queryClient.invalidateQueries({ queryKey: reviewKeys.all });
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">没有手机的人员填写纸质测评表，由计票人按等次汇总录入，须有监票人。</Typography.Text>
      <Space>
        纸质票张数
        <InputNumber min={1} max={10000} value={papers} onChange={setPapers} data-testid="tally-papers" />
        监票人
        <Input value={witness} onChange={(e) => setWitness(e.target.value)} style={{ width: 160 }} data-testid="tally-witness" />
      </Space>
      <Table
        size="small"
        rowKey="memberId"
        pagination={false}
        dataSource={session.reporters}
        columns={[
          { title: '述职人', dataIndex: 'name', width: 100 },
          ...session.gradeScale.map((g) => ({
            title: REVIEW_GRADE_LABELS[g],
            key: g,
            render: (_: unknown, r: ReviewReporterView, i: number) => (
              <InputNumber
                min={0}
                max={10000}
                value={counts[r.memberId]?.[g] ?? null}
                onChange={(v) => setCounts((c) => ({ ...c, [r.memberId]: { ...c[r.memberId], [g]: v ?? undefined } }))}
                data-testid={`tally-${i}-${g}`}
              />
            ),
          })),
        ]}
      />
      <Button type="primary" onClick={save} loading={busy} data-testid="tally-save">
        录入纸质票
      </Button>
    </Space>
  );
}

function ResultsTab({ session }: { session: ReviewSessionView }) {
  const results = useReviewResults(session.id);
  const queryClient = useQueryClient();
  const [grades, setGrades] = useState<Record<string, ReviewGrade>>({});
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const r = results.data;
  const rate = async () => {
    setBusy(true);
    try {
      await rateReviewSession(session.id, {
        decisionNote: note.trim(),
        grades: session.reporters
          .filter((x) => grades[x.memberId])
          .map((x) => ({ reporterMemberId: x.memberId, finalGrade: grades[x.memberId] })),
      });
      await queryClient.invalidateQueries({ queryKey: reviewKeys.all });
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  if (!r) return null;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text data-testid="review-valid">
        有效票 {r.validBallots} 张（扫码 {r.phoneBallots}，纸质 {r.paperBallots}），应到 {r.attendeeCount} 人
      </Typography.Text>
      {r.warning && <Alert type="warning" showIcon message={r.warning} data-testid="review-warning" />}
      <Table
        size="small"
        rowKey="reporterMemberId"
        pagination={false}
        dataSource={r.rows}
        data-testid="review-results"
        columns={[
          { title: '述职人', dataIndex: 'name', width: 100 },
          { title: '党支部', dataIndex: 'orgName' },
          ...r.gradeScale.map((g) => ({
            title: REVIEW_GRADE_LABELS[g],
            key: g,
            width: 70,
            render: (_: unknown, row: (typeof r.rows)[number]) => row.tally[g] ?? 0,
          })),
          {
            title: `${REVIEW_GRADE_LABELS[r.gradeScale[0]]}+${REVIEW_GRADE_LABELS[r.gradeScale[1]]}`,
            key: 'ratio',
            width: 100,
            render: (_: unknown, row) => `${Math.round(row.ratioTopTwo * 1000) / 10}%`,
          },
          {
            title: '党委会评定等次',
            key: 'final',
            width: 160,
            render: (_: unknown, row, i) =>
              session.status === 'voting_closed' ? (
                <Select<ReviewGrade>
                  style={{ width: 130 }}
                  value={grades[row.reporterMemberId]}
                  onChange={(g) => setGrades((x) => ({ ...x, [row.reporterMemberId]: g }))}
                  options={r.gradeScale.map((g) => ({ value: g, label: REVIEW_GRADE_LABELS[g] }))}
                  data-testid={`final-${i}`}
                />
              ) : (
                <span data-testid={`final-${i}`}>{gradeLabel(row.finalGrade)}</span>
              ),
          },
        ]}
      />
      {session.status === 'voting_closed' && (
        <Space>
          <Input
            placeholder="研究确定的会议，如：镇党委会 2027-01-20 研究确定"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            style={{ width: 380 }}
            data-testid="rate-note"
          />
          <Button type="primary" onClick={rate} loading={busy} data-testid="rate-save">
            确定等次
          </Button>
          <Typography.Text type="secondary">等次由党委会研究确定，测评结果仅作参考，系统不自动评定。</Typography.Text>
        </Space>
      )}
      {r.decisionNote && (
        <Typography.Text data-testid="review-decision">
          {r.decisionNote}（{r.decidedByName} 录入）
        </Typography.Text>
      )}
    </Space>
  );
}

function CommentsTab({ session }: { session: ReviewSessionView }) {
  const comments = useReviewComments(session.id);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [reporter, setReporter] = useState<string>();
  const [text, setText] = useState('');
  const [by, setBy] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: reviewKeys.comments(session.id) });
  const add = async () => {
    if (!reporter || !text.trim()) return;
    try {
      await addReviewComment(session.id, { reporterMemberId: reporter, text: text.trim(), byName: by.trim() || undefined });
      setText('');
      await refresh();
    } catch (e) {
      showError(e);
    }
  };
  const toProblem = async (id: string) => {
    try {
      await commentToProblem(id);
      await refresh();
    } catch (e) {
      showError(e);
    }
  };
  const name = (id: string) => session.reporters.find((r) => r.memberId === id)?.name ?? '';
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {session.status !== 'planned' && (
        <Space wrap>
          <Select
            style={{ width: 140 }}
            placeholder="述职人"
            value={reporter}
            onChange={setReporter}
            options={session.reporters.map((r) => ({ value: r.memberId, label: r.name }))}
            data-testid="comment-reporter"
          />
          <Input
            placeholder="点评指出的问题"
            value={text}
            onChange={(e) => setText(e.target.value)}
            style={{ width: 360 }}
            data-testid="comment-text"
          />
          <Input placeholder="点评人（如：镇党委书记）" value={by} onChange={(e) => setBy(e.target.value)} style={{ width: 180 }} />
          <Button onClick={add} data-testid="comment-add">
            添加点评
          </Button>
        </Space>
      )}
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={comments.data ?? []}
        data-testid="review-comments"
        columns={[
          { title: '述职人', key: 'r', width: 100, render: (_, c) => name(c.reporterMemberId) },
          { title: '点评', dataIndex: 'text' },
          { title: '点评人', dataIndex: 'byName', width: 120 },
          {
            title: '问题清单',
            key: 'p',
            width: 140,
            render: (_, c) =>
              c.problemId ? <a onClick={() => navigate('/problems')}>已转为问题</a> : <a onClick={() => toProblem(c.id)}>转为问题</a>,
          },
        ]}
      />
    </Space>
  );
}
