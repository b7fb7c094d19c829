/** 整改通知: the 限期整改通知书 to members absent from consecutive meetings, and 销号 with how it was put right. */
import { LIMITS, type RectificationNoticeView } from '@djzy/shared';
import { maxChars } from '../../components/formRules';
import { Alert, App, Button, Card, Form, Input, Modal, Segmented, Space, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { fieldErrorsOr } from '../../api/formErrors';
import { followupKeys, resolveRectification, useRectifications } from '../../api/followup';
import { PagedTable } from '../../components/PagedTable';
import { usePaging } from '../../hooks/usePaging';
import { OrgFilter } from '../../components/OrgTreeSelect';
import { useOrgs } from '../../hooks/useOrgs';

type StatusFilter = 'open' | 'resolved' | 'all';

/** The rectification notices screen. */
export function RectificationsPage() {
  const orgs = useOrgs();
  const [status, setStatus] = useState<StatusFilter>('open');
  const [orgId, setOrgId] = useState<string | null>(null);
  const paging = usePaging();
  const list = useRectifications({
    status: status === 'all' ? undefined : status,
    orgId: orgId ?? undefined,
    page: paging.page,
    pageSize: paging.pageSize,
  });
  const [resolving, setResolving] = useState<RectificationNoticeView | null>(null);

  const columns: ColumnsType<RectificationNoticeView> = [
    { title: '党员', dataIndex: 'memberName', width: 100 },
    { title: '所在支部', dataIndex: 'orgName', width: 180, ellipsis: true },
    {
      title: '缺席的会议',
      dataIndex: 'missed',
      render: (missed: RectificationNoticeView['missed']) => (
        <Tooltip title={missed.map((m) => `${dayjs(m.startsAt).format('YYYY-MM-DD')} ${m.title}`).join('；')}>
          <span data-testid="missed-count">连续 {missed.length} 次</span>
          <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
            {missed.map((m) => dayjs(m.startsAt).format('M月D日')).join('、')}
          </Typography.Text>
        </Tooltip>
      ),
    },
    {
      title: '整改期限',
      dataIndex: 'deadline',
      width: 120,
      render: (d: string, n) => {
        const overdue = n.status === 'open' && dayjs(d).isBefore(dayjs());
        return (
          <span style={{ color: overdue ? '#cf1322' : undefined }}>
            {dayjs(d).format('YYYY-MM-DD')}
            {overdue && '（已逾期）'}
          </span>
        );
      },
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (s: RectificationNoticeView['status']) => (
        <Tag color={s === 'open' ? 'red' : 'green'} data-testid="rect-status">
          {s === 'open' ? '整改中' : '已销号'}
        </Tag>
      ),
    },
    { title: '下发时间', dataIndex: 'createdAt', width: 110, render: (v: string) => dayjs(v).format('YYYY-MM-DD') },
    {
      title: '操作',
      key: 'actions',
      width: 80,
      render: (_, n) =>
        n.status === 'open' && (
          <Button type="link" size="small" onClick={() => setResolving(n)} data-testid={`rect-resolve-${n.id}`}>
            销号
          </Button>
        ),
    },
  ];

  return (
    <Card size="small" title="限期整改通知书">
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<StatusFilter>
          data-testid="rect-filter-status"
          value={status}
          onChange={(s) => (setStatus(s), paging.firstPage())}
          options={[
            { value: 'open', label: '整改中' },
            { value: 'resolved', label: '已销号' },
            { value: 'all', label: '全部' },
          ]}
        />
        {/* 全部组织 keeps the page; picking an org starts from its first page. */}
        <OrgFilter orgs={orgs} value={orgId} onChange={(o) => (setOrgId(o), o && paging.firstPage())} testId="rect-filter-org" />
      </Space>
      <PagedTable<RectificationNoticeView>
        columns={columns}
        list={list}
        data-testid="rect-table"
        expandable={{
          expandedRowRender: (n) => (
            <div>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{n.content}</Typography.Paragraph>
              <ul style={{ margin: 0 }}>
                {n.missed.map((m) => (
                  <li key={m.activityId}>
                    {dayjs(m.startsAt).format('YYYY-MM-DD HH:mm')} {m.title}
                  </li>
                ))}
              </ul>
              {n.resolution && (
                <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
                  <Typography.Text strong>整改情况：</Typography.Text>
                  {n.resolution}（{n.resolvedAt && dayjs(n.resolvedAt).format('YYYY-MM-DD')} 销号）
                </Typography.Paragraph>
              )}
            </div>
          ),
        }}
        paging={paging}
        unit="份"
      />
      <ResolveModal notice={resolving} onClose={() => setResolving(null)} onResolved={() => setResolving(null)} />
    </Card>
  );
}

/** 销号: the resolution is required. */
function ResolveModal(props: { notice: RectificationNoticeView | null; onClose(): void; onResolved(): void }) {
  const { notice } = props;
  const { message } = App.useApp();
  const [form] = Form.useForm<{ resolution: string }>();
  const queryClient = useQueryClient();
  const resolve = useMutation({
    mutationFn: (a: { id: string; resolution: string }) => resolveRectification(a.id, a.resolution),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: followupKeys.rectifications }),
  });
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (notice) {
      form.resetFields();
      setError(null);
    }
  }, [notice, form]);

  const run = async () => {
    if (!notice) return;
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setError(null);
    try {
      await resolve.mutateAsync({ id: notice.id, resolution: v.resolution.trim() });
      message.success(`已销号：${notice.memberName}`);
      props.onResolved();
    } catch (e) {
      setError(fieldErrorsOr(form, e, '销号失败，请重试', () => ['resolution']));
    }
  };

  return (
    <Modal
      open={!!notice}
      title="整改销号"
      okText="销号"
      cancelText="取消"
      confirmLoading={resolve.isPending}
      onOk={() => void run()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      {notice && (
        <Typography.Paragraph>
          {notice.orgName} {notice.memberName}：连续 {notice.missed.length} 次无故缺席组织生活，整改期限{' '}
          {dayjs(notice.deadline).format('YYYY-MM-DD')}。
        </Typography.Paragraph>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="rect-error" />}
      <Form form={form} layout="vertical">
        <Form.Item
          name="resolution"
          label="整改情况"
          rules={[{ required: true, whitespace: true, message: '请填写整改情况' }, maxChars('整改情况', LIMITS.rectificationResolution)]}
        >
          <Input.TextArea
            id="rect-resolution"
            rows={4}
            maxLength={LIMITS.rectificationResolution}
            showCount
            placeholder="如：已谈心谈话，本人作出书面说明，此后按时参加组织生活"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
