/**
 * 督查通报: the notices of the caller's orgs (第N期 once published, 草稿 before), 新建通报 (a draft
 * with its findings), 发布 (numbers it and sends one problem per finding), 撤回 with a reason and
 * the Word download.
 */
import { PlusOutlined } from '@ant-design/icons';
import {
  LIMITS,
  NOTICE_STATUS_LABELS,
  type CreateInspectionNoticeRequest,
  type InspectionNoticeStatus,
  type InspectionNoticeView,
  type OrgNode,
} from '@djzy/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, type ButtonProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { fieldErrorsOr } from '../../api/formErrors';
import { createNotice, downloadNotice, oversightKeys, publishNotice, useNotices, withdrawNotice } from '../../api/oversight';
import { problemKeys } from '../../api/problems';
import { FormDrawer } from '../../components/FormDrawer';
import { maxChars } from '../../components/formRules';
import { useOrgs } from '../../hooks/useOrgs';
import { moveErrorText, yearOptions } from '../problems/labels';
import { OrgKindSelect, TOWNSHIP } from './common';
import { findingPath, FindingsEditor, toFindings } from './FindingsEditor';

const STATUS_COLORS: Record<InspectionNoticeStatus, string> = { draft: 'default', published: 'green', withdrawn: 'red' };
const FIELDS = ['issuerOrgId', 'year', 'title', 'periodCovered', 'commendations', 'requirements', 'responseDeadline'];

/** The 督查通报 screen. */
export function NoticesPage() {
  const orgs = useOrgs();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  // The dialogs render outside the router: their link navigates through the page's.
  const navigate = useNavigate();
  const [year, setYear] = useState<number | undefined>(dayjs().year());
  const [creating, setCreating] = useState(false);
  // A fresh form each time the drawer opens: nothing of the last one carries over.
  const [opened, setOpened] = useState(0);
  const [withdrawing, setWithdrawing] = useState<InspectionNoticeView | null>(null);
  const list = useNotices(year);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: oversightKeys.notices });
    void queryClient.invalidateQueries({ queryKey: problemKeys.all });
  };

  const publish = (n: InspectionNoticeView) =>
    modal.confirm({
      title: '发布督查通报',
      content: `发布后将编入期号，通报中的 ${n.findings.length} 个问题将登记到问题清单并交办整改，确定发布？`,
      okText: '发布',
      cancelText: '取消',
      okButtonProps: { 'data-testid': 'notice-publish-ok' } as ButtonProps,
      onOk: async () => {
        try {
          const done = await publishNotice(n.id);
          refresh();
          const shown = modal.success({
            title: `已发布：第${done.serialNo}期`,
            content: (
              <span data-testid="notice-published">
                《{done.title}》已作为第{done.serialNo}期发布，{done.problemIds.length} 个问题已交办整改。
                <a onClick={() => (shown.destroy(), navigate('/problems'))} data-testid="to-problems">
                  查看问题清单
                </a>
              </span>
            ),
            okText: '知道了',
          });
        } catch (e) {
          refresh();
          message.error(moveErrorText(e, '发布失败，请重试'));
        }
      },
    });

  const columns: ColumnsType<InspectionNoticeView> = [
    { title: '期号', key: 'serial', width: 90, render: (_, n) => (n.serialNo ? `第${n.serialNo}期` : '草稿') },
    { title: '标题', dataIndex: 'title', ellipsis: true },
    { title: '发布单位', dataIndex: 'issuerOrgName', width: 160, ellipsis: true },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (s: InspectionNoticeStatus, n) => (
        <Tag color={STATUS_COLORS[s]} data-testid={`notice-status-${n.id}`} title={n.withdrawReason ?? undefined}>
          {NOTICE_STATUS_LABELS[s]}
        </Tag>
      ),
    },
    { title: '问题数', key: 'findings', width: 70, render: (_, n) => n.findings.length },
    { title: '整改期限', dataIndex: 'responseDeadline', width: 110 },
    {
      title: '操作',
      key: 'actions',
      width: 190,
      render: (_, n) => (
        <Space size={0}>
          {n.status === 'draft' && (
            <Button type="link" size="small" onClick={() => publish(n)} data-testid={`notice-publish-${n.id}`}>
              发布
            </Button>
          )}
          {n.status === 'published' && (
            <Button type="link" size="small" danger onClick={() => setWithdrawing(n)} data-testid={`notice-withdraw-${n.id}`}>
              撤回
            </Button>
          )}
          <Button type="link" size="small" onClick={() => void downloadNotice(n)} data-testid={`notice-docx-${n.id}`}>
            下载 Word
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title="督查通报"
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => (setOpened((n) => n + 1), setCreating(true))}
          disabled={!orgs}
          data-testid="notice-new"
        >
          新建通报
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<number>
          data-testid="notice-filter-year"
          style={{ width: 110 }}
          allowClear
          placeholder="全部年度"
          value={year}
          onChange={setYear}
          options={yearOptions()}
        />
      </Space>
      <Table<InspectionNoticeView>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.isFetching}
        pagination={false}
        locale={{ emptyText: '暂无督查通报' }}
        data-testid="notice-table"
      />
      <NoticeDrawer
        key={opened}
        open={creating}
        orgs={orgs ?? []}
        onClose={() => setCreating(false)}
        onCreated={() => (setCreating(false), refresh())}
      />
      <WithdrawModal notice={withdrawing} onClose={() => setWithdrawing(null)} onDone={() => (setWithdrawing(null), refresh())} />
    </Card>
  );
}

interface NoticeValues {
  issuerOrgId?: string;
  year: number;
  title: string;
  periodCovered: string;
  findings: { orgId?: string; category?: string; description?: string }[];
  commendations?: string;
  requirements?: string;
  responseDeadline?: Dayjs;
}

function NoticeDrawer(props: { open: boolean; orgs: OrgNode[]; onClose(): void; onCreated(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<NoticeValues>();
  const [error, setError] = useState<string | null>(null);
  const create = useMutation({ mutationFn: (body: CreateInspectionNoticeRequest) => createNotice(body) });

  useEffect(() => {
    if (props.open) setError(null);
  }, [props.open]);

  const save = async (v: NoticeValues) => {
    setError(null);
    try {
      await create.mutateAsync({
        issuerOrgId: v.issuerOrgId!,
        year: v.year,
        title: v.title.trim(),
        periodCovered: v.periodCovered.trim(),
        findings: toFindings(v.findings),
        commendations: v.commendations?.trim() || undefined,
        requirements: v.requirements?.trim() || undefined,
        responseDeadline: v.responseDeadline!.format('YYYY-MM-DD'),
      });
      message.success('通报草稿已保存，核对后即可发布');
      props.onCreated();
    } catch (e) {
      setError(fieldErrorsOr(form, e, '保存失败，请重试', (f) => (FIELDS.includes(f) ? [f] : findingPath(f))));
    }
  };

  return (
    <FormDrawer
      title="新建督查通报"
      open={props.open}
      onClose={props.onClose}
      onSave={() => form.submit()}
      saving={create.isPending}
      size={640}
      testId="notice-drawer"
      saveTestId="notice-save"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="notice-form-error" />}
      <Form
        form={form}
        layout="vertical"
        name="notice"
        onFinish={(v) => void save(v)}
        initialValues={{ year: dayjs().year(), findings: [{ category: '', description: '' }] }}
        preserve={false}
      >
        <Form.Item name="issuerOrgId" label="发布单位" rules={[{ required: true, message: '请选择发布单位' }]}>
          <OrgKindSelect orgs={props.orgs} kinds={TOWNSHIP} testId="notice-issuer" width="100%" />
        </Form.Item>
        <Form.Item name="year" label="年度" rules={[{ required: true, message: '请选择年度' }]}>
          <Select options={yearOptions()} style={{ width: 160 }} data-testid="notice-year" />
        </Form.Item>
        <Form.Item
          name="title"
          label="标题"
          rules={[{ required: true, whitespace: true, message: '请填写标题' }, maxChars('标题', LIMITS.noticeTitleLong)]}
        >
          <Input maxLength={LIMITS.noticeTitleLong} placeholder="如：关于第二季度基层党建工作督查情况的通报" />
        </Form.Item>
        <Form.Item
          name="periodCovered"
          label="督查期间"
          rules={[{ required: true, whitespace: true, message: '请填写督查期间' }, maxChars('督查期间', LIMITS.noticePeriod)]}
        >
          <Input maxLength={LIMITS.noticePeriod} placeholder="如：2026年第二季度" />
        </Form.Item>
        <div style={{ fontWeight: 500, marginBottom: 8 }}>发现的问题</div>
        <FindingsEditor orgs={props.orgs} required />
        <Form.Item name="commendations" label="表扬" rules={[maxChars('表扬', LIMITS.noticeText)]}>
          <Input.TextArea rows={3} maxLength={LIMITS.noticeText} />
        </Form.Item>
        <Form.Item name="requirements" label="工作要求" rules={[maxChars('工作要求', LIMITS.noticeText)]}>
          <Input.TextArea rows={3} maxLength={LIMITS.noticeText} />
        </Form.Item>
        <Form.Item name="responseDeadline" label="整改期限" rules={[{ required: true, message: '请选择整改期限' }]}>
          <DatePicker
            data-testid="notice-deadline"
            style={{ width: 200 }}
            disabledDate={(d) => d.isBefore(dayjs().startOf('day'))}
            placeholder="选择日期"
          />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

function WithdrawModal(props: { notice: InspectionNoticeView | null; onClose(): void; onDone(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const withdraw = useMutation({ mutationFn: (a: { id: string; reason: string }) => withdrawNotice(a.id, a.reason) });
  useEffect(() => {
    if (props.notice) setError(null);
  }, [props.notice]);

  const run = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !props.notice) return;
    try {
      await withdraw.mutateAsync({ id: props.notice.id, reason: v.reason.trim() });
      message.success('通报已撤回');
      props.onDone();
    } catch (e) {
      setError(moveErrorText(e, '撤回失败，请重试'));
    }
  };

  return (
    <Modal
      open={!!props.notice}
      title={`撤回通报${props.notice?.serialNo ? `（第${props.notice.serialNo}期）` : ''}`}
      okText="撤回"
      cancelText="取消"
      okButtonProps={{ danger: true, 'data-testid': 'notice-withdraw-ok' } as ButtonProps}
      confirmLoading={withdraw.isPending}
      onOk={() => void run()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="notice-withdraw-error" />}
      <Form form={form} layout="vertical" name="withdraw" preserve={false}>
        <Form.Item
          name="reason"
          label="撤回原因"
          extra="撤回后期号保留，已交办的问题不随之作废"
          rules={[{ required: true, whitespace: true, message: '请填写撤回原因' }, maxChars('撤回原因', LIMITS.problemReason)]}
        >
          <Input.TextArea rows={3} maxLength={LIMITS.problemReason} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
