/**
 * 约谈: the interviews the caller may see, 新建约谈 (the township, who, when, where, why, the
 * record and commitments), and 约谈候选: those answering for problems long overdue in a township —
 * a suggestion only; whether to hold an interview is the committee's decision. A candidate's
 * 发起约谈 opens the form with that person and those problems filled in.
 */
import { PlusOutlined } from '@ant-design/icons';
import {
  LIMITS,
  type CreateInterviewRequest,
  type InterviewCandidate,
  type InterviewView,
  type NamedMember,
  type OrgNode,
} from '@djzy/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { fieldErrorsOr } from '../../api/formErrors';
import { createInterview, oversightKeys, useCandidates, useInterviews } from '../../api/oversight';
import { listProblems, problemKeys } from '../../api/problems';
import { usePageQuery } from '../../api/query';
import { FormDrawer } from '../../components/FormDrawer';
import { maxChars } from '../../components/formRules';
import { MemberMultiSelect } from '../../components/MemberMultiSelect';
import { flattenOrgs } from '../../components/OrgTreeSelect';
import { useOrgs } from '../../hooks/useOrgs';
import { toIso } from '../activities/labels';
import { minute } from '../problems/labels';
import { OrgKindSelect, TOWNSHIP } from './common';

const FIELDS = ['orgId', 'intervieweeMemberIds', 'at', 'place', 'reasonProblemIds', 'reasonText', 'record', 'commitments'];

/** What 发起约谈 fills in. */
interface Prefill {
  orgId?: string;
  interviewees: NamedMember[];
  problems: { id: string; category: string }[];
  reasonText?: string;
}

/** The 约谈 screen. */
export function InterviewsPage() {
  const orgs = useOrgs();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState<Prefill | null>(null);
  // A fresh form for each 新建/发起约谈: nothing of the last one (a candidate's name) carries over.
  const [opened, setOpened] = useState(0);
  const townships = useMemo(() => flattenOrgs(orgs ?? []).filter((o) => o.kind === 'township'), [orgs]);
  const [picked, setPicked] = useState<string | undefined>();
  const township = picked ?? townships[0]?.id;
  const list = useInterviews();

  const columns: ColumnsType<InterviewView> = [
    { title: '约谈时间', dataIndex: 'at', width: 150, render: (at: string) => minute(at) },
    { title: '约谈单位', dataIndex: 'orgName', width: 130, ellipsis: true },
    { title: '被约谈人', key: 'who', render: (_, i) => i.interviewees.map((m) => `${m.name}（${m.orgName}）`).join('、') },
    { title: '地点', dataIndex: 'place', width: 140, ellipsis: true },
    { title: '约谈事由', dataIndex: 'reasonText', ellipsis: true },
    { title: '约谈人', dataIndex: 'interviewerName', width: 90 },
  ];

  const start = (c?: InterviewCandidate) => {
    setOpened((n) => n + 1);
    setCreating(
      c
        ? {
            orgId: township,
            interviewees: [{ id: c.memberId, name: c.name, orgName: c.orgName }],
            problems: c.problems.map((p) => ({ id: p.id, category: p.category })),
            reasonText: `负责整改的问题逾期未完成：${c.problems.map((p) => `${p.category}（逾期 ${p.overdueDays} 天）`).join('；')}`,
          }
        : { orgId: township, interviewees: [], problems: [] },
    );
  };

  return (
    <Card
      size="small"
      title="约谈"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => start()} disabled={!orgs} data-testid="interview-new">
          新建约谈
        </Button>
      }
    >
      <Tabs
        items={[
          {
            key: 'list',
            label: '约谈记录',
            children: (
              <Table<InterviewView>
                rowKey="id"
                size="small"
                columns={columns}
                dataSource={list.data ?? []}
                loading={list.isFetching}
                pagination={false}
                locale={{ emptyText: '暂无约谈记录' }}
                data-testid="interview-table"
              />
            ),
          },
          {
            key: 'candidates',
            label: '约谈候选',
            children: <Candidates orgs={orgs ?? []} township={township} onTownship={setPicked} onStart={start} />,
          },
        ]}
      />
      <InterviewDrawer
        key={opened}
        prefill={creating}
        orgs={orgs ?? []}
        onClose={() => setCreating(null)}
        onCreated={() => {
          setCreating(null);
          void queryClient.invalidateQueries({ queryKey: oversightKeys.interviews });
        }}
      />
    </Card>
  );
}

function Candidates(props: { orgs: OrgNode[]; township?: string; onTownship(id: string): void; onStart(c: InterviewCandidate): void }) {
  const candidates = useCandidates(props.township ?? null);
  const columns: ColumnsType<InterviewCandidate> = [
    { title: '姓名', dataIndex: 'name', width: 100 },
    { title: '所在组织', dataIndex: 'orgName', width: 160, ellipsis: true },
    {
      title: '逾期问题',
      key: 'problems',
      render: (_, c) => (
        <Space direction="vertical" size={2}>
          {c.problems.map((p) => (
            <span key={p.id}>
              {p.category}
              <Typography.Text type="secondary" style={{ marginInlineStart: 6 }}>
                期限 {p.deadline}
              </Typography.Text>
              <Tag color="red" style={{ marginInlineStart: 6 }}>
                逾期 {p.overdueDays} 天
              </Tag>
            </span>
          ))}
        </Space>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 100,
      render: (_, c) => (
        <Button type="link" size="small" onClick={() => props.onStart(c)} data-testid={`candidate-start-${c.memberId}`}>
          发起约谈
        </Button>
      ),
    },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <OrgKindSelect orgs={props.orgs} kinds={TOWNSHIP} value={props.township} onChange={props.onTownship} testId="candidate-township" />
      </Space>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="负责整改的问题逾期较久的党员，仅供参考，是否约谈由党委研究决定"
        data-testid="candidate-note"
      />
      <Table<InterviewCandidate>
        rowKey="memberId"
        size="small"
        columns={columns}
        dataSource={candidates.data ?? []}
        loading={candidates.isFetching}
        pagination={false}
        locale={{ emptyText: '暂无逾期较久的问题' }}
        data-testid="candidate-table"
      />
    </>
  );
}

interface Values {
  orgId?: string;
  intervieweeMemberIds: string[];
  at?: Dayjs;
  place: string;
  reasonProblemIds?: string[];
  reasonText: string;
  record?: string;
  commitments?: string;
}

function InterviewDrawer(props: { prefill: Prefill | null; orgs: OrgNode[]; onClose(): void; onCreated(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const create = useMutation({ mutationFn: (body: CreateInterviewRequest) => createInterview(body) });
  const orgId = Form.useWatch('orgId', form) ?? props.prefill?.orgId ?? null;
  const problems = usePageQuery(problemKeys.page, listProblems, orgId ? { orgId, pageSize: 100 } : null);
  const problemOptions = useMemo(() => {
    const seen = new Map<string, string>();
    for (const p of props.prefill?.problems ?? []) seen.set(p.id, p.category);
    const opts = (problems.data?.items ?? [])
      .filter((p) => p.status !== 'closed' && p.status !== 'void')
      .map((p) => ({ value: p.id, label: `${p.orgName} · ${p.category}：${p.description.slice(0, 30)}` }));
    for (const [id, category] of seen) if (!opts.some((o) => o.value === id)) opts.unshift({ value: id, label: category });
    return opts;
  }, [problems.data, props.prefill]);

  const save = async (v: Values) => {
    setError(null);
    try {
      await create.mutateAsync({
        orgId: v.orgId!,
        intervieweeMemberIds: v.intervieweeMemberIds,
        at: toIso(v.at!),
        place: v.place.trim(),
        reasonProblemIds: v.reasonProblemIds?.length ? v.reasonProblemIds : undefined,
        reasonText: v.reasonText.trim(),
        record: v.record?.trim() || undefined,
        commitments: v.commitments?.trim() || undefined,
      });
      message.success('约谈已记录');
      props.onCreated();
    } catch (e) {
      setError(fieldErrorsOr(form, e, '保存失败，请重试', (f) => (FIELDS.includes(f) ? [f] : null)));
    }
  };

  const open = !!props.prefill;
  return (
    <FormDrawer
      title="新建约谈"
      open={open}
      onClose={props.onClose}
      onSave={() => form.submit()}
      saving={create.isPending}
      size={600}
      testId="interview-drawer"
      saveTestId="interview-save"
    >
      {open && (
        <>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="interview-form-error" />}
          <Form
            form={form}
            layout="vertical"
            name="interview"
            preserve={false}
            onFinish={(v) => void save(v)}
            initialValues={{
              orgId: props.prefill?.orgId,
              intervieweeMemberIds: props.prefill?.interviewees.map((m) => m.id) ?? [],
              reasonProblemIds: props.prefill?.problems.map((p) => p.id) ?? [],
              reasonText: props.prefill?.reasonText,
            }}
          >
            <Form.Item name="orgId" label="约谈单位" rules={[{ required: true, message: '请选择乡镇党委' }]}>
              <OrgKindSelect orgs={props.orgs} kinds={TOWNSHIP} testId="interview-org" width="100%" />
            </Form.Item>
            <Form.Item
              name="intervieweeMemberIds"
              label="被约谈人"
              rules={[{ required: true, type: 'array', min: 1, message: '请选择被约谈人' }]}
            >
              <MemberMultiSelect orgId={orgId} known={props.prefill?.interviewees} testId="interview-members" />
            </Form.Item>
            <Form.Item name="at" label="约谈时间" rules={[{ required: true, message: '请选择约谈时间' }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="interview-at" style={{ width: 220 }} />
            </Form.Item>
            <Form.Item
              name="place"
              label="约谈地点"
              rules={[{ required: true, whitespace: true, message: '请填写约谈地点' }, maxChars('约谈地点', LIMITS.interviewPlace)]}
            >
              <Input maxLength={LIMITS.interviewPlace} placeholder="如：镇党委会议室" />
            </Form.Item>
            <Form.Item name="reasonProblemIds" label="相关问题">
              <Select
                mode="multiple"
                options={problemOptions}
                loading={problems.isFetching}
                placeholder="可选：约谈涉及的问题"
                data-testid="interview-problems"
                optionFilterProp="label"
              />
            </Form.Item>
            <Form.Item
              name="reasonText"
              label="约谈事由"
              rules={[{ required: true, whitespace: true, message: '请填写约谈事由' }, maxChars('约谈事由', LIMITS.interviewText)]}
            >
              <Input.TextArea rows={3} maxLength={LIMITS.interviewText} />
            </Form.Item>
            <Form.Item name="record" label="约谈记录" rules={[maxChars('约谈记录', LIMITS.interviewText)]}>
              <Input.TextArea rows={4} maxLength={LIMITS.interviewText} />
            </Form.Item>
            <Form.Item name="commitments" label="整改承诺" rules={[maxChars('整改承诺', LIMITS.interviewText)]}>
              <Input.TextArea rows={3} maxLength={LIMITS.interviewText} />
            </Form.Item>
          </Form>
        </>
      )}
    </FormDrawer>
  );
}
