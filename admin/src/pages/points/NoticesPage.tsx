/**
 * 评比通报: the list of notices, 生成通报 (org, period, how many names) which opens the draft in
 * the editor, and the editor itself (title and body; the figures are frozen when generated).
 */
import { PlusOutlined } from '@ant-design/icons';
import { ApiError, type BranchPointsStat, LIMITS, periodLabel, type PointsNoticeView, type RankingItem } from '@djzy/shared';
import { Alert, App, Button, Card, Drawer, Form, Input, InputNumber, Modal, Space, Spin, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { formErrorText } from '../../api/formErrors';
import { createNotice, pointsKeys, publishNotice, updateNotice, useNotice, useNotices } from '../../api/points';
import { PagedTable } from '../../components/PagedTable';
import { usePaging } from '../../hooks/usePaging';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { currentYear, PeriodPicker } from '../../components/PeriodPicker';
import { useOrgs } from '../../hooks/useOrgs';

const statusTag = (s: PointsNoticeView['status']) =>
  s === 'published' ? (
    <Tag color="green" data-testid="notice-status">
      已发布
    </Tag>
  ) : (
    <Tag color="gold" data-testid="notice-status">
      草稿
    </Tag>
  );

/** The notices screen. */
export function NoticesPage() {
  const paging = usePaging();
  const notices = useNotices(paging.page, paging.pageSize);
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);

  const columns: ColumnsType<PointsNoticeView> = [
    {
      title: '标题',
      dataIndex: 'title',
      ellipsis: true,
      render: (t: string, n) => (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpenId(n.id)} data-testid={`notice-open-${n.id}`}>
          {t}
        </Button>
      ),
    },
    { title: '组织', dataIndex: 'orgName', width: 160, ellipsis: true },
    { title: '统计周期', dataIndex: 'period', width: 130, render: periodLabel },
    { title: '状态', dataIndex: 'status', width: 90, render: statusTag },
    { title: '生成时间', dataIndex: 'createdAt', width: 150, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
    {
      title: '发布时间',
      dataIndex: 'publishedAt',
      width: 150,
      render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—'),
    },
  ];

  return (
    <Card size="small" title="评比通报">
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          生成通报
        </Button>
      </Space>
      <PagedTable<PointsNoticeView> columns={columns} list={notices} data-testid="notice-table" paging={paging} unit="份" />
      <CreateNoticeModal open={creating} onClose={() => setCreating(false)} onCreated={(n) => (setCreating(false), setOpenId(n.id))} />
      <NoticeEditor noticeId={openId} onClose={() => setOpenId(null)} />
    </Card>
  );
}

/** 生成通报: org, period and how many members to name at the top and the bottom. */
function CreateNoticeModal(props: { open: boolean; onClose(): void; onCreated(n: PointsNoticeView): void }) {
  const orgs = useOrgs();
  const [orgId, setOrgId] = useState<string | null>(null);
  const [period, setPeriod] = useState(currentYear);
  const [size, setSize] = useState<number | null>(10);
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: createNotice,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['points', 'notices'] }),
  });
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (props.open) setError(null);
  }, [props.open]);

  const run = async () => {
    if (!orgId) {
      setError('请选择组织');
      return;
    }
    setError(null);
    try {
      props.onCreated(await create.mutateAsync({ orgId, period, size: size ?? undefined }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '生成失败，请重试');
    }
  };

  return (
    <Modal
      open={props.open}
      title="生成评比通报"
      okText="生成"
      confirmLoading={create.isPending}
      onOk={() => void run()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        按所选组织和周期的积分生成通报草稿，排名和各支部数据在生成时固定；草稿可修改标题和正文，发布后本组织的党员可以看到。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="notice-create-error" />}
      <Form layout="vertical">
        <Form.Item label="组织" required>
          {orgs === null ? (
            <Spin size="small" />
          ) : (
            <OrgTreeSelect orgs={orgs} value={orgId} onChange={setOrgId} width={320} testId="notice-org" />
          )}
        </Form.Item>
        <Form.Item label="统计周期" required>
          <PeriodPicker value={period} onChange={setPeriod} />
        </Form.Item>
        <Form.Item label="表扬和提醒的人数" extra="通报中列出积分靠前和靠后的党员各多少人（1 到 50）">
          <InputNumber id="notice-size" min={1} max={50} precision={0} value={size} onChange={setSize} style={{ width: 120 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const rankColumns: ColumnsType<RankingItem> = [
  { title: '名次', dataIndex: 'rank', width: 60 },
  { title: '姓名', dataIndex: 'name', width: 100 },
  { title: '所在组织', dataIndex: 'orgName', ellipsis: true },
  { title: '积分', dataIndex: 'points', width: 70 },
];
const branchColumns: ColumnsType<BranchPointsStat> = [
  { title: '党支部', dataIndex: 'orgName', ellipsis: true },
  { title: '党员数', dataIndex: 'members', width: 80 },
  { title: '平均积分', dataIndex: 'average', width: 90 },
  { title: '最高', dataIndex: 'max', width: 70 },
  { title: '最低', dataIndex: 'min', width: 70 },
];

interface NoticeForm {
  title: string;
  body: string;
}

/** The draft editor (title, body; 保存, 发布), read-only once published. */
function NoticeEditor(props: { noticeId: string | null; onClose(): void }) {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const { noticeId } = props;
  const notice = useNotice(noticeId).data ?? null;
  const [form] = Form.useForm<NoticeForm>();
  const [busy, setBusy] = useState<'save' | 'publish' | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => setError(null), [noticeId]);

  /** The notice as the server now holds it, here and in the list. */
  const changed = (n: PointsNoticeView) => {
    queryClient.setQueryData(pointsKeys.notice(n.id), n);
    void queryClient.invalidateQueries({ queryKey: ['points', 'notices'] });
  };

  const showError = (e: unknown) =>
    setError(formErrorText(form, e, '操作失败，请重试', (f) => (f === 'title' || f === 'body' ? [f] : null)));

  /** Saves the form when it differs from what the server holds; returns false when it failed. */
  const save = async (announce: boolean): Promise<boolean> => {
    if (!notice) return false;
    const v = await form.validateFields().catch(() => null);
    if (!v) return false;
    const patch: NoticeForm = { title: v.title.trim(), body: v.body };
    if (patch.title === notice.title && patch.body === notice.body) {
      if (announce) message.info('没有修改');
      return true;
    }
    setError(null);
    try {
      const saved = await updateNotice(notice.id, patch);
      changed(saved);
      if (announce) message.success('已保存');
      return true;
    } catch (e) {
      showError(e);
      return false;
    }
  };

  const onSave = async () => {
    setBusy('save');
    await save(true);
    setBusy(null);
  };

  const onPublish = () => {
    if (!notice) return;
    modal.confirm({
      title: '发布评比通报',
      content: `发布后，${notice.orgName}的党员可以在小程序中看到这份通报，且不能再修改。确定发布吗？`,
      okText: '发布',
      cancelText: '取消',
      onOk: async () => {
        setBusy('publish');
        try {
          // Unsaved edits go out with the notice, not lost behind it.
          if (!(await save(false))) return;
          changed(await publishNotice(notice.id));
          message.success('已发布');
        } catch {
          /* shown by the wrapper */
        } finally {
          setBusy(null);
        }
      },
    });
  };

  const draft = notice?.status === 'draft';
  return (
    <Drawer
      open={!!noticeId}
      onClose={props.onClose}
      size={860}
      destroyOnHidden
      title={
        notice ? (
          <Space>
            <span>评比通报</span>
            {statusTag(notice.status)}
          </Space>
        ) : (
          '评比通报'
        )
      }
      extra={
        draft && (
          <Space>
            <Button onClick={() => void onSave()} loading={busy === 'save'} data-testid="notice-save">
              保存
            </Button>
            <Button type="primary" onClick={onPublish} loading={busy === 'publish'} data-testid="notice-publish">
              发布
            </Button>
          </Space>
        )
      }
      data-testid="notice-editor"
    >
      {!notice ? (
        <Spin style={{ display: 'block', marginTop: 80 }} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            {notice.orgName} · {periodLabel(notice.period)} · 生成于 {dayjs(notice.createdAt).format('YYYY-MM-DD HH:mm')}
            {notice.publishedAt && ` · 发布于 ${dayjs(notice.publishedAt).format('YYYY-MM-DD HH:mm')}`}
          </Typography.Paragraph>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="notice-error" />}
          {draft ? (
            <Form<NoticeForm> key={notice.id} form={form} layout="vertical" initialValues={{ title: notice.title, body: notice.body }}>
              <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '标题不能为空' }]}>
                <Input id="notice-title" maxLength={LIMITS.noticeTitle} showCount />
              </Form.Item>
              <Form.Item name="body" label="正文" rules={[{ required: true, whitespace: true, message: '正文不能为空' }]}>
                <Input.TextArea id="notice-body" rows={10} maxLength={LIMITS.noticeBody} />
              </Form.Item>
            </Form>
          ) : (
            <div data-testid="notice-readonly">
              <Typography.Title level={4} style={{ textAlign: 'center' }} data-testid="notice-title-text">
                {notice.title}
              </Typography.Title>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{notice.body}</Typography.Paragraph>
            </div>
          )}
          <Typography.Title level={5}>积分靠前</Typography.Title>
          <Table<RankingItem> rowKey="memberId" size="small" columns={rankColumns} dataSource={notice.top} pagination={false} />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            积分靠后
          </Typography.Title>
          <Table<RankingItem> rowKey="memberId" size="small" columns={rankColumns} dataSource={notice.bottom} pagination={false} />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            各支部情况
          </Typography.Title>
          <Table<BranchPointsStat> rowKey="orgId" size="small" columns={branchColumns} dataSource={notice.branches} pagination={false} />
        </>
      )}
    </Drawer>
  );
}
