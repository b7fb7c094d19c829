/**
 * 百分制考核: a township's template for a year (the suggested default to start from; items with
 * their points — the total shown and kept within 100 — deduction rules and where the records fill
 * them in), and each branch secretary's assessment: 自评, the township's scores with what the records
 * give beside each auto item (a deduction or a change needs its reason), bonus and veto, then the
 * committee's grade, 公布 and an appeal's answer. Never an item about app use.
 */
import { PlusOutlined } from '@ant-design/icons';
import {
  ASSESSMENT_AUTO_SOURCE_LABELS,
  ASSESSMENT_AUTO_SOURCES,
  ASSESSMENT_STATUS_LABELS,
  DEFAULT_GRADE_SCALE,
  REVIEW_GRADE_LABELS,
  type AssessmentItem,
  type AssessmentTemplateView,
  type OrgNode,
  type ReviewGrade,
  type SecretaryAssessmentView,
} from '@djzy/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Drawer, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { showError } from '../../api/client';
import {
  createAssessment,
  createTemplate,
  moveAssessment,
  reviewCandidates,
  reviewKeys,
  saveTemplate,
  useAssessment,
  useAssessments,
  useTemplates,
} from '../../api/review';
import { listActivities } from '../../api/activities';
import { flattenOrgs } from '../../components/OrgTreeSelect';
import { useOrgs } from '../../hooks/useOrgs';

const sumOf = (items: AssessmentItem[]) => Math.round(items.reduce((s, x) => s + (Number(x.maxPoints) || 0), 0) * 10) / 10;

export function AssessmentPage() {
  const templates = useTemplates();
  const orgs = useOrgs();
  const queryClient = useQueryClient();
  const [picked, setPicked] = useState<string | null>(null);
  const townships = useMemo(() => (orgs ? flattenOrgs(orgs).filter((o: OrgNode) => o.kind === 'township') : []), [orgs]);
  const [newOrg, setNewOrg] = useState<string>();
  const template = templates.data?.find((t) => t.id === picked) ?? templates.data?.[0] ?? null;

  const create = async () => {
    if (!newOrg) return;
    try {
      const t = await createTemplate({ orgId: newOrg, year: dayjs().year() });
      await queryClient.invalidateQueries({ queryKey: reviewKeys.templates });
      setPicked(t.id);
    } catch (e) {
      showError(e);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title="百分制考核细则">
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            style={{ width: 260 }}
            placeholder="选择考核细则"
            value={template?.id}
            onChange={setPicked}
            options={(templates.data ?? []).map((t) => ({ value: t.id, label: `${t.orgName} ${t.year}年度` }))}
            data-testid="template-pick"
          />
          <Select
            style={{ width: 180 }}
            placeholder="乡镇"
            value={newOrg}
            onChange={setNewOrg}
            options={townships.map((o) => ({ value: o.id, label: o.name }))}
          />
          <Button icon={<PlusOutlined />} onClick={create} disabled={!newOrg} data-testid="template-new">
            按推荐模板新建本年度细则
          </Button>
        </Space>
        {template ? (
          <TemplateEditor key={template.id + template.updatedAt} template={template} />
        ) : (
          <Alert type="info" showIcon message="尚无考核细则：选择乡镇后按推荐模板新建，再按本乡镇实际修改。" />
        )}
      </Card>
      {template && <Assessments template={template} />}
    </Space>
  );
}

function TemplateEditor({ template }: { template: AssessmentTemplateView }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [items, setItems] = useState<AssessmentItem[]>(template.items);
  const [bonusCap, setBonusCap] = useState<number>(template.bonusCap);
  const total = sumOf(items);
  const set = (i: number, patch: Partial<AssessmentItem>) => setItems((xs) => xs.map((x, k) => (k === i ? { ...x, ...patch } : x)));
  const save = async () => {
    try {
      await saveTemplate(template.id, {
        items: items.map((x) => ({ ...x, autoSource: x.autoSource ?? null })),
        bonusCap,
        vetoItems: template.vetoItems,
      });
      message.success('考核细则已保存');
      await queryClient.invalidateQueries({ queryKey: reviewKeys.templates });
    } catch (e) {
      showError(e);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Table
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={items}
        data-testid="template-items"
        columns={[
          {
            title: '类别',
            key: 'c',
            width: 140,
            render: (_, x, i) => <Input value={x.category} onChange={(e) => set(i, { category: e.target.value })} />,
          },
          { title: '考核内容', key: 't', render: (_, x, i) => <Input value={x.text} onChange={(e) => set(i, { text: e.target.value })} /> },
          {
            title: '分值',
            key: 'm',
            width: 100,
            render: (_, x, i) => (
              <InputNumber
                min={0}
                max={100}
                step={0.5}
                value={x.maxPoints}
                onChange={(v) => set(i, { maxPoints: v ?? 0 })}
                data-testid={`item-max-${i}`}
              />
            ),
          },
          {
            title: '扣分规则',
            key: 'd',
            render: (_, x, i) => <Input value={x.deductionRule} onChange={(e) => set(i, { deductionRule: e.target.value })} />,
          },
          {
            title: '按记录取数',
            key: 'a',
            width: 220,
            render: (_, x, i) => (
              <Select
                style={{ width: 200 }}
                allowClear
                placeholder="人工评分"
                value={x.autoSource ?? undefined}
                onChange={(v) => set(i, { autoSource: v ?? null })}
                options={ASSESSMENT_AUTO_SOURCES.map((s) => ({ value: s, label: ASSESSMENT_AUTO_SOURCE_LABELS[s] }))}
              />
            ),
          },
        ]}
      />
      <Space>
        <Typography.Text strong data-testid="template-total" type={total > 100 ? 'danger' : undefined}>
          合计 {total} 分{total > 100 ? '（超过 100 分，不能保存）' : ''}
        </Typography.Text>
        加分上限
        <InputNumber min={0} max={20} value={bonusCap} onChange={(v) => setBonusCap(v ?? 0)} />
        <Typography.Text type="secondary">一票否决：{template.vetoItems.map((v) => v.text).join('；') || '无'}</Typography.Text>
        <Button type="primary" onClick={save} disabled={total > 100} data-testid="template-save">
          保存细则
        </Button>
      </Space>
      <Typography.Text type="secondary">
        考核只看工作实绩（会议召开、党员联系、问题整改、按期公开），不设学习时长、在线时长、登录或点赞等项目。
      </Typography.Text>
    </Space>
  );
}

function Assessments({ template }: { template: AssessmentTemplateView }) {
  const list = useAssessments(template.id);
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [candidates, setCandidates] = useState<{ value: string; label: string }[]>([]);
  const [subject, setSubject] = useState<string>();
  useEffect(() => {
    if (!adding) return;
    // The township's branch secretaries, found through one of its 述职测评会 (or any activity of it).
    void listActivities({ orgId: template.orgId, pageSize: 20 }).then(async (p) => {
      const a = p.items.find((x) => x.orgId === template.orgId);
      if (!a) return;
      const c = await reviewCandidates(a.id).catch(() => []);
      setCandidates(c.map((x) => ({ value: x.memberId, label: `${x.name}（${x.orgName}）` })));
    });
  }, [adding, template.orgId]);
  const add = async () => {
    if (!subject) return;
    try {
      await createAssessment(template.id, subject);
      setAdding(false);
      await queryClient.invalidateQueries({ queryKey: reviewKeys.assessments(template.id) });
    } catch (e) {
      showError(e);
    }
  };
  return (
    <Card
      size="small"
      title={`${template.orgName} ${template.year}年度 支部书记考核`}
      extra={
        <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="assessment-new">
          新建考核
        </Button>
      }
    >
      <Table<SecretaryAssessmentView>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={list.data ?? []}
        loading={list.isFetching}
        data-testid="assessments"
        columns={[
          { title: '支部书记', dataIndex: 'subjectName', width: 100 },
          { title: '党支部', dataIndex: 'orgName' },
          { title: '自评', dataIndex: 'selfTotal', width: 80, render: (v: number | null) => v ?? '—' },
          { title: '考评得分', dataIndex: 'total', width: 90, render: (v: number | null) => v ?? '—' },
          { title: '等次', dataIndex: 'grade', width: 80, render: (g: ReviewGrade | null) => (g ? REVIEW_GRADE_LABELS[g] : '—') },
          {
            title: '状态',
            dataIndex: 'status',
            width: 120,
            render: (s: SecretaryAssessmentView['status']) => <Tag>{ASSESSMENT_STATUS_LABELS[s]}</Tag>,
          },
          { title: '操作', key: 'op', width: 80, render: (_, a) => <a onClick={() => setOpen(a.id)}>打开</a> },
        ]}
      />
      <Modal title="新建考核" open={adding} onCancel={() => setAdding(false)} onOk={add} okText="保存">
        <Select style={{ width: '100%' }} placeholder="选择在任的支部书记" value={subject} onChange={setSubject} options={candidates} />
      </Modal>
      {open && <AssessmentDrawer id={open} onClose={() => setOpen(null)} />}
    </Card>
  );
}

function AssessmentDrawer({ id, onClose }: { id: string; onClose(): void }) {
  const a = useAssessment(id);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [scores, setScores] = useState<Record<string, { score: number | null; reason: string }>>({});
  const [bonus, setBonus] = useState<number | null>(null);
  const [bonusReason, setBonusReason] = useState('');
  const [grade, setGrade] = useState<ReviewGrade>();
  const [note, setNote] = useState('');
  const [reply, setReply] = useState('');
  const v = a.data;
  useEffect(() => {
    if (!v) return;
    setScores(
      Object.fromEntries(
        v.items.map((x) => [x.code, { score: x.score ?? x.auto?.score ?? x.selfScore ?? x.maxPoints, reason: x.reason ?? '' }]),
      ),
    );
    setBonus(v.bonus || null);
    setBonusReason(v.bonusReason ?? '');
    setGrade(v.grade ?? v.suggestedGrade ?? undefined);
  }, [v]);
  if (!v) return null;
  const refresh = () => queryClient.invalidateQueries({ queryKey: reviewKeys.all });
  const run = async (p: Promise<unknown>, ok: string) => {
    try {
      await p;
      message.success(ok);
      await refresh();
    } catch (e) {
      showError(e);
    }
  };
  const editing = v.status === 'draft' || v.status === 'self_assessed';
  return (
    <Drawer
      title={`${v.subjectName}（${v.orgName}）${v.year}年度百分制考核`}
      open
      onClose={onClose}
      size={900}
      data-testid="assessment-drawer"
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space>
          <Tag color="red">{ASSESSMENT_STATUS_LABELS[v.status]}</Tag>
          {v.total != null && (
            <span>
              考评得分 {v.total}（建议等次：{v.suggestedGrade ? REVIEW_GRADE_LABELS[v.suggestedGrade] : '—'}，以党委会确定为准）
            </span>
          )}
        </Space>
        <Table
          size="small"
          rowKey="code"
          pagination={false}
          dataSource={v.items}
          columns={[
            { title: '考核内容', key: 't', render: (_, x) => `${x.category}：${x.text}（${x.maxPoints}分）` },
            { title: '自评', dataIndex: 'selfScore', width: 60, render: (s: number | null) => s ?? '—' },
            {
              title: '按记录',
              key: 'auto',
              width: 200,
              render: (_, x) =>
                x.auto ? (
                  <span title={x.auto.basis}>
                    {x.auto.score} 分 · {x.auto.basis}
                  </span>
                ) : (
                  '人工评分'
                ),
            },
            {
              title: '考评分',
              key: 's',
              width: 100,
              render: (_, x, i) =>
                editing ? (
                  <InputNumber
                    min={0}
                    max={x.maxPoints}
                    step={0.5}
                    value={scores[x.code]?.score}
                    onChange={(n) => setScores((s) => ({ ...s, [x.code]: { ...s[x.code], score: n } }))}
                    data-testid={`score-${i}`}
                  />
                ) : (
                  x.score
                ),
            },
            {
              title: '扣分 / 改动理由',
              key: 'r',
              render: (_, x, i) =>
                editing ? (
                  <Input
                    value={scores[x.code]?.reason}
                    onChange={(e) => setScores((s) => ({ ...s, [x.code]: { ...s[x.code], reason: e.target.value } }))}
                    data-testid={`reason-${i}`}
                  />
                ) : (
                  x.reason
                ),
            },
          ]}
        />
        {editing && (
          <Space wrap>
            加分
            <InputNumber min={0} max={20} value={bonus} onChange={setBonus} />
            <Input
              placeholder="加分理由（表彰文件）"
              value={bonusReason}
              onChange={(e) => setBonusReason(e.target.value)}
              style={{ width: 260 }}
            />
            {v.status === 'draft' && (
              <Button
                data-testid="assessment-self"
                onClick={() =>
                  run(
                    moveAssessment(v.id, {
                      move: 'self-assess',
                      body: { scores: v.items.map((x) => ({ code: x.code, score: scores[x.code]?.score ?? 0 })) },
                    }),
                    '自评分已录入',
                  )
                }
              >
                代为录入自评分
              </Button>
            )}
            <Button
              type="primary"
              data-testid="assessment-assess"
              onClick={() =>
                run(
                  moveAssessment(v.id, {
                    move: 'assess',
                    body: {
                      scores: v.items.map((x) => ({
                        code: x.code,
                        score: scores[x.code]?.score ?? 0,
                        reason: scores[x.code]?.reason?.trim() || undefined,
                      })),
                      bonus: bonus ?? 0,
                      bonusReason: bonusReason.trim() || undefined,
                    },
                  }),
                  '考评已保存',
                )
              }
            >
              保存考评
            </Button>
          </Space>
        )}
        {v.status === 'assessed' && (
          <Space wrap>
            党委会确定等次
            <Select<ReviewGrade>
              style={{ width: 120 }}
              value={grade}
              onChange={setGrade}
              options={DEFAULT_GRADE_SCALE.map((g) => ({ value: g, label: REVIEW_GRADE_LABELS[g] }))}
            />
            <Input
              placeholder="会议，如：镇党委会 2027-01-20"
              value={note}
              onChange={(e) => setNote(e.target.value)}
              style={{ width: 260 }}
            />
            <Button
              type="primary"
              onClick={() =>
                grade && run(moveAssessment(v.id, { move: 'confirm', body: { grade, decisionNote: note.trim() } }), '等次已确认')
              }
            >
              确认
            </Button>
          </Space>
        )}
        {v.status === 'confirmed' && (
          <Button type="primary" onClick={() => run(moveAssessment(v.id, { move: 'publish' }), '已公布')}>
            公布
          </Button>
        )}
        {v.status === 'appealed' && (
          <Space wrap>
            <Typography.Text>申诉理由：{v.appealReason}</Typography.Text>
            <Input placeholder="答复" value={reply} onChange={(e) => setReply(e.target.value)} style={{ width: 300 }} />
            <Button
              type="primary"
              onClick={() => run(moveAssessment(v.id, { move: 'resolve-appeal', body: { reply: reply.trim() } }), '已答复')}
            >
              答复申诉
            </Button>
          </Space>
        )}
        {v.decisionNote && (
          <Typography.Text>
            等次：{v.grade ? REVIEW_GRADE_LABELS[v.grade] : '—'}（{v.decisionNote}）
          </Typography.Text>
        )}
        {v.appealReply && <Typography.Text>申诉答复：{v.appealReply}</Typography.Text>}
      </Space>
    </Drawer>
  );
}
