/**
 * 发展党员 board: each branch's cases by stage (red when a soft rule is past due), a case's
 * timeline with its warnings and the next steps with their earliest dates, entering a step (the
 * server checks the 细则's hard rules and names each one broken), and the printable 材料清单.
 */
import { PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import {
  DEVELOPMENT_CASE_STAGE_LABELS,
  DEVELOPMENT_CASE_STAGES,
  DEVELOPMENT_CASE_STATUS_LABELS,
  DEVELOPMENT_LIMITS as L,
  DEVELOPMENT_STEPS,
  NOTICE_STEPS,
  PROBATION_OUTCOME_LABELS,
  PROBATION_OUTCOMES,
  type AddDevelopmentStepRequest,
  type CreateDevelopmentCaseRequest,
  type DevelopmentCaseStage,
  type DevelopmentCaseSummary,
  type DevelopmentCaseView,
  type ProbationOutcome,
} from '@djzy/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  InputNumber,
  List,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { addStep, createCase, useCase, useCases } from '../../api/development';
import { FormDrawer } from '../../components/FormDrawer';
import { MemberMultiSelect } from '../../components/MemberMultiSelect';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useOrgChoice } from '../../hooks/useOrgs';
import { ImportCasesButton } from './ImportCasesModal';
import { PlanDrawer } from './PlanDrawer';
import { ruleMessages } from './ruleMessages';

interface BranchRow {
  branchOrgId: string;
  branchName: string;
  byStage: Record<DevelopmentCaseStage, DevelopmentCaseSummary[]>;
}

export function DevelopmentPage() {
  const { orgs, orgId, setOrgId } = useOrgChoice();
  const [stage, setStage] = useState<DevelopmentCaseStage | undefined>();
  const list = useCases(orgId ? { orgId, stage } : null);
  const [open, setOpen] = useState<string | null>(null);
  const [adding, setAdding] = useState(0);
  const [planning, setPlanning] = useState(false);
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['development-cases'] });

  const rows = useMemo<BranchRow[]>(() => {
    const m = new Map<string, BranchRow>();
    for (const c of list.data ?? []) {
      const row = m.get(c.branchOrgId) ?? {
        branchOrgId: c.branchOrgId,
        branchName: c.branchName,
        byStage: { applicant: [], activist: [], candidate: [], probationary: [], full: [] },
      };
      row.byStage[c.stage].push(c);
      m.set(c.branchOrgId, row);
    }
    return [...m.values()];
  }, [list.data]);

  const columns: ColumnsType<BranchRow> = [
    { title: '党支部', dataIndex: 'branchName', width: 160, fixed: 'left' },
    ...DEVELOPMENT_CASE_STAGES.map((s) => ({
      title: DEVELOPMENT_CASE_STAGE_LABELS[s],
      key: s,
      render: (_: unknown, r: BranchRow) => (
        <Space size={[4, 4]} wrap>
          {r.byStage[s].map((c) => {
            const red = c.warnings.some((w) => w.red);
            return (
              <Tag
                key={c.id}
                color={red ? 'red' : c.warnings.length ? 'orange' : c.status === 'completed' ? 'default' : 'blue'}
                style={{ cursor: 'pointer' }}
                onClick={() => setOpen(c.id)}
                data-testid={`dev-case-${c.name}`}
              >
                {c.name}
                {c.status === 'extended' ? '（延长）' : ''}
              </Tag>
            );
          })}
        </Space>
      ),
    })),
  ];

  return (
    <Card
      size="small"
      title="发展党员"
      extra={
        <Space>
          <Button disabled={!orgId} onClick={() => setPlanning(true)} data-testid="dev-plan">
            计划与工作日历
          </Button>
          <ImportCasesButton orgId={orgId} onImported={refresh} />
          <Button type="primary" icon={<PlusOutlined />} disabled={!orgId} onClick={() => setAdding((n) => n + 1)} data-testid="dev-new">
            登记入党申请
          </Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        {orgs && <OrgTreeSelect orgs={orgs} value={orgId} onChange={setOrgId} testId="dev-org" />}
        <Select<DevelopmentCaseStage | ''>
          data-testid="dev-stage"
          style={{ width: 150 }}
          value={stage ?? ''}
          onChange={(v) => setStage(v || undefined)}
          options={[
            { value: '', label: '全部阶段' },
            ...DEVELOPMENT_CASE_STAGES.map((s) => ({ value: s, label: DEVELOPMENT_CASE_STAGE_LABELS[s] })),
          ]}
        />
        <Typography.Text type="secondary" data-testid="dev-summary">
          共 {list.data?.length ?? 0} 人，其中 {(list.data ?? []).filter((c) => c.warnings.some((w) => w.red)).length} 人有逾期事项（红色）
        </Typography.Text>
      </Space>
      <Table<BranchRow>
        rowKey="branchOrgId"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={list.isFetching}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: '暂无发展党员档案' }}
        data-testid="dev-board"
      />
      {open && <CaseDrawer id={open} onClose={() => setOpen(null)} onChanged={refresh} />}
      {planning && orgId && <PlanDrawer orgId={orgId} onClose={() => setPlanning(false)} />}
      {adding > 0 && orgId && (
        <NewCaseDrawer key={adding} orgId={orgId} onClose={() => setAdding(0)} onSaved={(id) => (setAdding(0), refresh(), setOpen(id))} />
      )}
    </Card>
  );
}

function CaseDrawer(props: { id: string; onClose(): void; onChanged(): void }) {
  const one = useCase(props.id);
  const c = one.data;
  const [entering, setEntering] = useState(0);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return (
    <Drawer
      title={c ? `${c.name} · ${DEVELOPMENT_CASE_STAGE_LABELS[c.stage]}` : '发展党员档案'}
      open
      onClose={props.onClose}
      size={760}
      data-testid="dev-case-drawer"
      extra={
        c && (
          <Space>
            <Button icon={<PrinterOutlined />} onClick={() => navigate(`/development/cases/${c.id}/print`)} data-testid="dev-print">
              材料清单
            </Button>
            <Button type="primary" disabled={!c.next.length} onClick={() => setEntering((n) => n + 1)} data-testid="dev-enter-step">
              录入步骤
            </Button>
          </Space>
        )
      }
    >
      {c && (
        <>
          <Descriptions size="small" column={2} bordered style={{ marginBottom: 12 }}>
            <Descriptions.Item label="党支部">{c.branchName}</Descriptions.Item>
            <Descriptions.Item label="身份证号">{c.idNumber}</Descriptions.Item>
            <Descriptions.Item label="申请日期">{c.appliedOn}</Descriptions.Item>
            <Descriptions.Item label="状态">{DEVELOPMENT_CASE_STATUS_LABELS[c.status]}</Descriptions.Item>
            {c.probationStart && (
              <Descriptions.Item label="预备期">{`${c.probationStart} 至 ${c.probationEnd}${c.extensionMonths ? `（延长${c.extensionMonths}个月）` : ''}`}</Descriptions.Item>
            )}
          </Descriptions>
          {c.warnings.map((w, i) => (
            <Alert
              key={i}
              type={w.red ? 'error' : 'warning'}
              showIcon
              style={{ marginBottom: 8 }}
              title={w.message}
              description={w.dueOn ? `期限：${w.dueOn}` : undefined}
              data-testid="dev-warning"
            />
          ))}
          <Typography.Title level={5}>下一步</Typography.Title>
          <List
            size="small"
            dataSource={c.next}
            locale={{ emptyText: '没有待办步骤' }}
            data-testid="dev-next"
            renderItem={(n) => (
              <List.Item>
                第{n.step}步 {n.name}：最早 {n.earliestOn}
                {n.dueOn ? `，应于 ${n.dueOn} 前` : ''}
              </List.Item>
            )}
          />
          <Typography.Title level={5}>过程记录</Typography.Title>
          <Timeline
            data-testid="dev-timeline"
            items={[...c.steps]
              .sort((a, b) => (a.occurredOn === b.occurredOn ? a.step - b.step : a.occurredOn < b.occurredOn ? -1 : 1))
              .map((s) => ({
                color: s.supersededBy ? 'gray' : 'blue',
                content: (
                  <div style={s.supersededBy ? { textDecoration: 'line-through', color: '#999' } : undefined}>
                    <b>
                      {s.occurredOn} 第{s.step}步 {s.name}
                    </b>
                    {s.actors.length > 0 && <span>（{s.actors.map((a) => a.name).join('、')}）</span>}
                    {s.vote && (
                      <div>
                        表决：应到{s.vote.shouldAttend}人，实到{s.vote.present}人，赞成{s.vote.agree}人
                        {s.vote.writtenAgree ? `，书面赞成${s.vote.writtenAgree}人` : ''}
                      </div>
                    )}
                    {s.outcome && (
                      <div>
                        决定：{PROBATION_OUTCOME_LABELS[s.outcome]}
                        {s.extensionMonths ? `${s.extensionMonths}个月` : ''}
                      </div>
                    )}
                    {s.publicNotice && (
                      <div>
                        公示：{s.publicNotice.from} 至 {s.publicNotice.to}（{s.publicNotice.workdays}个工作日）
                      </div>
                    )}
                    {s.documents && <div>材料：{s.documents}</div>}
                    {s.note && <div>备注：{s.note}</div>}
                    {s.supersededBy && <div>（已更正）</div>}
                  </div>
                ),
              }))}
          />
        </>
      )}
      {!c && !one.isFetching && <Empty description="档案不存在或无权查看" />}
      {entering > 0 && c && (
        <StepDrawer
          key={entering}
          c={c}
          onClose={() => setEntering(0)}
          onSaved={(v) => {
            setEntering(0);
            queryClient.setQueryData(['development-case', c.id], v);
            props.onChanged();
          }}
        />
      )}
    </Drawer>
  );
}

interface StepValues {
  step: number;
  occurredOn: Dayjs;
  memberIds?: string[];
  names?: string[];
  shouldAttend?: number;
  present?: number;
  agree?: number;
  writtenAgree?: number;
  oppose?: number;
  abstain?: number;
  days?: number;
  hours?: number;
  outcome?: ProbationOutcome;
  extensionMonths?: number;
  notice?: [Dayjs, Dayjs];
  documents?: string;
  note?: string;
}

function StepDrawer(props: { c: DevelopmentCaseView; onClose(): void; onSaved(v: DevelopmentCaseView): void }) {
  const [form] = Form.useForm<StepValues>();
  const [errors, setErrors] = useState<string[]>([]);
  const save = useMutation({ mutationFn: (b: AddDevelopmentStepRequest) => addStep(props.c.id, b) });
  const step = Form.useWatch('step', form) ?? props.c.next[0]?.step;
  const outcome = Form.useWatch('outcome', form);
  const submit = async (v: StepValues) => {
    setErrors([]);
    const vote =
      v.shouldAttend != null
        ? {
            shouldAttend: v.shouldAttend,
            present: v.present ?? 0,
            agree: v.agree ?? 0,
            writtenAgree: v.writtenAgree ?? undefined,
            oppose: v.oppose ?? undefined,
            abstain: v.abstain ?? undefined,
          }
        : undefined;
    const actors = [
      ...(v.memberIds ?? []).map((memberId) => ({ memberId })),
      ...(v.names ?? [])
        .map((n) => n.trim())
        .filter(Boolean)
        .map((name) => ({ name })),
    ];
    try {
      const res = await save.mutateAsync({
        step: v.step,
        occurredOn: v.occurredOn.format('YYYY-MM-DD'),
        actors: actors.length ? actors : undefined,
        vote: step === 15 || step === 23 ? vote : undefined,
        training:
          step === 11 && (v.days != null || v.hours != null) ? { days: v.days ?? undefined, hours: v.hours ?? undefined } : undefined,
        outcome: step === 23 ? v.outcome : undefined,
        extensionMonths: step === 23 && v.outcome === 'extend' ? v.extensionMonths : undefined,
        publicNotice: v.notice ? { from: v.notice[0].format('YYYY-MM-DD'), to: v.notice[1].format('YYYY-MM-DD') } : undefined,
        documents: v.documents?.trim() || undefined,
        note: v.note?.trim() || undefined,
      });
      props.onSaved(res);
    } catch (e) {
      setErrors(ruleMessages(e));
    }
  };
  const next = props.c.next;
  return (
    <FormDrawer
      title="录入发展党员步骤"
      open
      onClose={props.onClose}
      onSave={() => form.submit()}
      saving={save.isPending}
      size={560}
      testId="dev-step-drawer"
      saveTestId="dev-step-save"
    >
      {errors.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title="不符合《中国共产党发展党员工作细则》的规定"
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {errors.map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </ul>
          }
          data-testid="dev-step-errors"
        />
      )}
      <Form
        form={form}
        layout="vertical"
        name="devstep"
        onFinish={(v) => void submit(v)}
        initialValues={{ step: next[0]?.step, occurredOn: dayjs() }}
      >
        <Form.Item name="step" label="步骤" rules={[{ required: true, message: '请选择步骤' }]}>
          <Select
            data-testid="dev-step-select"
            options={DEVELOPMENT_STEPS.filter((s) => s.step > 1).map((s) => {
              const n = next.find((x) => x.step === s.step);
              return { value: s.step, label: `第${s.step}步 ${s.name}${n ? `（最早 ${n.earliestOn}）` : ''}` };
            })}
          />
        </Form.Item>
        <Form.Item name="occurredOn" label="日期（实际发生的日期）" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker data-testid="dev-step-date" />
        </Form.Item>
        <Form.Item
          name="memberIds"
          label={step === 5 ? '培养联系人（一至两名正式党员）' : step === 9 ? '入党介绍人（两名正式党员）' : '参与人（名册中选择）'}
        >
          <MemberMultiSelect orgId={props.c.branchOrgId} testId="dev-step-actors" />
        </Form.Item>
        {step !== 5 && step !== 9 && (
          <Form.Item name="names" label="其他参与人（不在名册中的，输入姓名后回车）">
            <Select mode="tags" open={false} tokenSeparators={['、', '，', ',']} />
          </Form.Item>
        )}
        {(step === 15 || step === 23) && (
          <Space wrap>
            <Form.Item name="shouldAttend" label="应到" rules={[{ required: true, message: '请填写应到人数' }]}>
              <InputNumber min={0} precision={0} data-testid="dev-vote-should" />
            </Form.Item>
            <Form.Item name="present" label="实到" rules={[{ required: true, message: '请填写实到人数' }]}>
              <InputNumber min={0} precision={0} data-testid="dev-vote-present" />
            </Form.Item>
            <Form.Item name="agree" label="赞成" rules={[{ required: true, message: '请填写赞成人数' }]}>
              <InputNumber min={0} precision={0} data-testid="dev-vote-agree" />
            </Form.Item>
            <Form.Item name="writtenAgree" label="书面赞成">
              <InputNumber min={0} precision={0} />
            </Form.Item>
            <Form.Item name="oppose" label="反对">
              <InputNumber min={0} precision={0} />
            </Form.Item>
            <Form.Item name="abstain" label="弃权">
              <InputNumber min={0} precision={0} />
            </Form.Item>
          </Space>
        )}
        {step === 11 && (
          <Space>
            <Form.Item name="days" label="培训天数">
              <InputNumber min={0} precision={0} data-testid="dev-training-days" />
            </Form.Item>
            <Form.Item name="hours" label="培训学时">
              <InputNumber min={0} precision={0} />
            </Form.Item>
          </Space>
        )}
        {step === 23 && (
          <Space>
            <Form.Item name="outcome" label="支部大会决定" rules={[{ required: true, message: '请选择决定' }]}>
              <Select style={{ width: 180 }} options={PROBATION_OUTCOMES.map((o) => ({ value: o, label: PROBATION_OUTCOME_LABELS[o] }))} />
            </Form.Item>
            {outcome === 'extend' && (
              <Form.Item name="extensionMonths" label="延长月数（6至12）">
                <InputNumber min={1} max={24} precision={0} />
              </Form.Item>
            )}
          </Space>
        )}
        {(NOTICE_STEPS as readonly number[]).includes(step) && (
          <Form.Item name="notice" label="公示期（不少于5个工作日）">
            <DatePicker.RangePicker />
          </Form.Item>
        )}
        <Form.Item name="documents" label="材料（存放位置或编号）">
          <Input maxLength={L.documents} placeholder="如：入党志愿书存镇党委组织办 2026-03 号档案盒" />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input.TextArea rows={2} maxLength={L.note} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

interface CaseValues {
  branchOrgId: string;
  name: string;
  idNumber: string;
  birthDate: Dayjs;
  appliedOn: Dayjs;
}

function NewCaseDrawer(props: { orgId: string; onClose(): void; onSaved(id: string): void }) {
  const { orgs } = useOrgChoice();
  const [form] = Form.useForm<CaseValues>();
  const [errors, setErrors] = useState<string[]>([]);
  const save = useMutation({ mutationFn: (b: CreateDevelopmentCaseRequest) => createCase(b) });
  const submit = async (v: CaseValues) => {
    setErrors([]);
    try {
      const res = await save.mutateAsync({
        branchOrgId: v.branchOrgId,
        name: v.name.trim(),
        idNumber: v.idNumber.trim(),
        birthDate: v.birthDate.format('YYYY-MM-DD'),
        appliedOn: v.appliedOn.format('YYYY-MM-DD'),
      });
      props.onSaved(res.id);
    } catch (e) {
      setErrors(ruleMessages(e));
    }
  };
  return (
    <FormDrawer
      title="登记入党申请"
      open
      onClose={props.onClose}
      onSave={() => form.submit()}
      saving={save.isPending}
      size={520}
      testId="dev-case-new"
      saveTestId="dev-case-save"
    >
      {errors.length > 0 && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errors.join('；')} data-testid="dev-case-errors" />
      )}
      <Form
        form={form}
        layout="vertical"
        name="devcase"
        onFinish={(v) => void submit(v)}
        initialValues={{ branchOrgId: props.orgId, appliedOn: dayjs() }}
      >
        <Form.Item name="branchOrgId" label="党支部" rules={[{ required: true, message: '请选择党支部' }]}>
          {orgs ? (
            <OrgTreeSelect
              orgs={orgs}
              value={form.getFieldValue('branchOrgId')}
              onChange={(v) => form.setFieldValue('branchOrgId', v)}
              testId="dev-case-branch"
            />
          ) : (
            <span />
          )}
        </Form.Item>
        <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
          <Input maxLength={L.name} />
        </Form.Item>
        <Form.Item name="idNumber" label="身份证号" rules={[{ required: true, message: '请填写身份证号' }]}>
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="birthDate" label="出生日期" rules={[{ required: true, message: '请选择出生日期' }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="appliedOn" label="递交入党申请书日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
