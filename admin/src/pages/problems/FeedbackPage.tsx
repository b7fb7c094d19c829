/**
 * 投诉建议: the inbox of the orgs in the caller's scope, due dates in red once passed, and a
 * drawer to read one (with the sender's contact), reply once, and 转为问题 (then a link to it in
 * 问题清单).
 */
import {
  FEEDBACK_CATEGORY_LABELS,
  FEEDBACK_STATUS_LABELS,
  FEEDBACK_STATUSES,
  LIMITS,
  type FeedbackCategory,
  type FeedbackStatus,
  type FeedbackView,
} from '@djzy/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Descriptions, Drawer, Form, Input, Select, Space, Spin, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { fieldErrorsOr, onlyFields } from '../../api/formErrors';
import { feedbackToProblem, problemKeys, replyFeedback, useFeedback, useFeedbackList } from '../../api/problems';
import { feedbackToDeed } from '../../api/service';
import { ToDeedModal } from '../service/DeedModals';
import { maxChars } from '../../components/formRules';
import { OrgFilter } from '../../components/OrgTreeSelect';
import { PagedTable } from '../../components/PagedTable';
import { useOrgs } from '../../hooks/useOrgs';
import { usePaging } from '../../hooks/usePaging';
import { minute, moveErrorText } from './labels';

/** The 投诉建议 inbox. */
export function FeedbackPage() {
  const orgs = useOrgs();
  const [status, setStatus] = useState<FeedbackStatus | undefined>();
  const [orgId, setOrgId] = useState<string | null>(null);
  const [overdue, setOverdue] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const paging = usePaging();
  const list = useFeedbackList({
    status,
    orgId: orgId ?? undefined,
    overdue: overdue || undefined,
    page: paging.page,
    pageSize: paging.pageSize,
  });

  const columns: ColumnsType<FeedbackView> = [
    { title: '时间', dataIndex: 'createdAt', width: 140, render: (v: string) => minute(v) },
    { title: '类别', dataIndex: 'category', width: 70, render: (c: FeedbackCategory) => FEEDBACK_CATEGORY_LABELS[c] },
    {
      title: '内容',
      dataIndex: 'content',
      render: (c: string, f) => (
        <Typography.Text ellipsis={{ tooltip: c }} style={{ maxWidth: 360 }} data-testid={`feedback-content-${f.id}`}>
          {c}
        </Typography.Text>
      ),
    },
    { title: '涉及组织', dataIndex: 'orgName', width: 150, ellipsis: true },
    {
      title: '来信人',
      dataIndex: 'senderName',
      width: 90,
      render: (n: string | null) => n ?? <Typography.Text type="secondary">群众</Typography.Text>,
    },
    {
      title: '答复期限',
      dataIndex: 'replyDueAt',
      width: 150,
      render: (d: string, f) => (
        <span style={{ color: f.overdue ? '#cf1322' : undefined }}>
          {dayjsDay(d)}
          {f.overdue && '（已逾期）'}
        </span>
      ),
    },
    { title: '状态', key: 'status', width: 90, render: (_, f) => <FeedbackStatusTag feedback={f} /> },
    {
      title: '操作',
      key: 'actions',
      width: 80,
      render: (_, f) => (
        <Button type="link" size="small" onClick={() => setOpenId(f.id)} data-testid={`feedback-open-${f.id}`}>
          {f.canReply ? '答复' : '查看'}
        </Button>
      ),
    },
  ];

  return (
    <Card size="small" title="投诉建议">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<FeedbackStatus>
          data-testid="feedback-filter-status"
          style={{ width: 120 }}
          allowClear
          placeholder="全部状态"
          value={status}
          onChange={(s) => (setStatus(s), paging.firstPage())}
          options={FEEDBACK_STATUSES.map((s) => ({ value: s, label: FEEDBACK_STATUS_LABELS[s] }))}
        />
        <OrgFilter orgs={orgs} value={orgId} onChange={(o) => (setOrgId(o), paging.firstPage())} testId="feedback-filter-org" />
        <Checkbox
          checked={overdue}
          onChange={(e) => (setOverdue(e.target.checked), paging.firstPage())}
          data-testid="feedback-filter-overdue"
        >
          只看逾期
        </Checkbox>
      </Space>
      <PagedTable<FeedbackView> columns={columns} list={list} paging={paging} unit="件" data-testid="feedback-table" />
      <FeedbackDrawer id={openId} onClose={() => setOpenId(null)} />
    </Card>
  );
}

const dayjsDay = (iso: string) => minute(iso).slice(0, 10);

function FeedbackStatusTag(props: { feedback: FeedbackView }) {
  const f = props.feedback;
  return (
    <Tag color={f.status === 'replied' ? 'green' : f.overdue ? 'red' : 'orange'} data-testid={`feedback-status-${f.id}`}>
      {FEEDBACK_STATUS_LABELS[f.status]}
    </Tag>
  );
}

function FeedbackDrawer(props: { id: string | null; onClose(): void }) {
  const feedback = useFeedback(props.id);
  const f = feedback.data;
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ content: string }>();
  const [error, setError] = useState<string | null>(null);
  const [toDeed, setToDeed] = useState(false);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: problemKeys.feedback });
  const reply = useMutation({ mutationFn: (a: { id: string; content: string }) => replyFeedback(a.id, a.content), onSettled: refresh });
  const toProblem = useMutation({
    mutationFn: (id: string) => feedbackToProblem(id),
    onSettled: () => (refresh(), void queryClient.invalidateQueries({ queryKey: problemKeys.all })),
  });

  const sendReply = async () => {
    if (!f) return;
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setError(null);
    try {
      await reply.mutateAsync({ id: f.id, content: v.content.trim() });
      message.success('已答复');
    } catch (e) {
      setError(fieldErrorsOr(form, e, '答复失败，请重试', onlyFields(['content'])));
    }
  };

  const makeProblem = async () => {
    if (!f) return;
    setError(null);
    try {
      await toProblem.mutateAsync(f.id);
      message.success('已转为问题，列入问题清单');
    } catch (e) {
      setError(moveErrorText(e, '转为问题失败，请重试'));
    }
  };

  const close = () => (setError(null), props.onClose());

  return (
    <Drawer title="投诉建议" open={!!props.id} onClose={close} size={600} destroyOnHidden data-testid="feedback-drawer">
      {feedback.isLoading && <Spin style={{ display: 'block', marginTop: 40 }} />}
      {feedback.isError && <Alert type="error" showIcon title="该投诉建议不存在或无权查看" />}
      {f && (
        <>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label="类别">{FEEDBACK_CATEGORY_LABELS[f.category]}</Descriptions.Item>
            <Descriptions.Item label="状态">
              <span data-testid="feedback-drawer-status">
                <FeedbackStatusTag feedback={f} />
              </span>
            </Descriptions.Item>
            <Descriptions.Item label="来信人">{f.senderName ?? '群众'}</Descriptions.Item>
            <Descriptions.Item label="联系方式">
              <span data-testid="feedback-contact">{f.contact ?? '未留'}</span>
            </Descriptions.Item>
            <Descriptions.Item label="涉及组织">{f.orgName}</Descriptions.Item>
            {f.disclosureId && (
              <Descriptions.Item label="关于" span={2}>
                <a href={`/console/disclosures?id=${f.disclosureId}`}>三务公开事项（群众在公开页面“我要监督”）</a>
              </Descriptions.Item>
            )}
            <Descriptions.Item label="提交时间">{minute(f.createdAt)}</Descriptions.Item>
            <Descriptions.Item label="答复期限" span={2}>
              <span style={{ color: f.overdue ? '#cf1322' : undefined }}>
                {dayjsDay(f.replyDueAt)}
                {f.overdue && '（已逾期）'}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label="内容" span={2}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="feedback-drawer-content">
                {f.content}
              </Typography.Paragraph>
            </Descriptions.Item>
          </Descriptions>
          {f.held && <Alert type="warning" showIcon style={{ marginTop: 12 }} title="内容安全检查未通过或未能检查，请核实后处理" />}
          {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="feedback-error" />}

          <Typography.Title level={5} style={{ marginTop: 20 }}>
            答复
          </Typography.Title>
          {f.reply !== null ? (
            <div data-testid="feedback-reply">
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{f.reply}</Typography.Paragraph>
              <Typography.Text type="secondary">
                {f.repliedByName} · {minute(f.repliedAt)}
              </Typography.Text>
            </div>
          ) : f.canReply ? (
            <Form form={form} layout="vertical" name="feedback_reply">
              <Form.Item
                name="content"
                rules={[{ required: true, whitespace: true, message: '请填写答复内容' }, maxChars('答复', LIMITS.feedbackReply)]}
                extra="答复只能提交一次，来信人可在小程序中看到"
              >
                <Input.TextArea rows={4} maxLength={LIMITS.feedbackReply} showCount placeholder="答复内容" />
              </Form.Item>
              <Button type="primary" loading={reply.isPending} onClick={() => void sendReply()} data-testid="feedback-reply-send">
                提交答复
              </Button>
            </Form>
          ) : (
            <Typography.Text type="secondary">尚未答复</Typography.Text>
          )}

          <Typography.Title level={5} style={{ marginTop: 20 }}>
            问题清单
          </Typography.Title>
          {f.problemId ? (
            <Link to={`/problems?id=${f.problemId}`} data-testid="feedback-problem-link">
              已转为问题，在问题清单中查看
            </Link>
          ) : (
            // Those who see the inbox manage its orgs; the server refuses anyone else.
            <Button loading={toProblem.isPending} onClick={() => void makeProblem()} data-testid="feedback-to-problem">
              转为问题
            </Button>
          )}

          <Typography.Title level={5} style={{ marginTop: 20 }}>
            为群众办实事
          </Typography.Title>
          <Button onClick={() => setToDeed(true)} data-testid="feedback-to-deed">
            转为办实事
          </Button>
          {toDeed && (
            <ToDeedModal
              title="转为办实事"
              orgId={f.orgId}
              defaultTitle={f.content}
              send={(body) => feedbackToDeed(f.id, body)}
              onClose={() => setToDeed(false)}
              onDone={() => setToDeed(false)}
            />
          )}
        </>
      )}
    </Drawer>
  );
}
