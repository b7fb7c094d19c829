/**
 * 便民服务 (一站式办理): the service hall's register — 窗口登记 (who, contact, what, the day), then
 * 当场办结 or 转办 with a note, or 转为办实事 (a deed with its responsible member and day), once.
 * The contact shows masked here (it is stored encrypted).
 */
import { PlusOutlined } from '@ant-design/icons';
import {
  LIMITS,
  SERVICE_REQUEST_CHANNEL_LABELS,
  SERVICE_REQUEST_STATUS_LABELS,
  SERVICE_REQUEST_STATUSES,
  toLocalDate,
  type OrgNode,
  type ServiceRequestStatus,
  type ServiceRequestView,
} from '@djzy/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Radio, Select, Space, Tag, Typography, type ButtonProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { fieldErrorsOr, onlyFields } from '../../api/formErrors';
import { createServiceRequest, handleServiceRequest, serviceKeys, serviceRequestToDeed, useServiceRequests } from '../../api/service';
import { maxChars } from '../../components/formRules';
import { OrgFilter, OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PagedTable } from '../../components/PagedTable';
import { useOrgs } from '../../hooks/useOrgs';
import { usePaging } from '../../hooks/usePaging';
import { ToDeedModal } from './DeedModals';
import { deedErrorText, disabledAfter, yearOptions } from './labels';

const STATUS_COLORS: Record<ServiceRequestStatus, string> = { received: 'orange', handled: 'green', referred: 'blue', deed: 'purple' };

interface DeskValues {
  orgId?: string;
  requester: string;
  contact?: string;
  matter: string;
  receivedOn: Dayjs;
}

function OrgField(props: { orgs: OrgNode[]; value?: string; onChange?(v: string): void }) {
  return (
    <OrgTreeSelect orgs={props.orgs} value={props.value ?? null} onChange={(v) => props.onChange?.(v)} width={472} testId="request-org" />
  );
}

function DeskModal(props: { orgs: OrgNode[]; onClose(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<DeskValues>();
  const [error, setError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: createServiceRequest,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: serviceKeys.requests }),
  });
  const run = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setError(null);
    try {
      await create.mutateAsync({
        orgId: v.orgId!,
        requester: v.requester.trim(),
        ...(v.contact?.trim() ? { contact: v.contact.trim() } : {}),
        matter: v.matter.trim(),
        receivedOn: v.receivedOn.format('YYYY-MM-DD'),
      });
      message.success('已登记');
      props.onClose();
    } catch (e) {
      setError(fieldErrorsOr(form, e, '登记失败，请重试', onlyFields(['orgId', 'requester', 'contact', 'matter', 'receivedOn'])));
    }
  };
  return (
    <Modal
      open
      title="窗口登记"
      okText="登记"
      cancelText="取消"
      width={560}
      confirmLoading={create.isPending}
      onOk={() => void run()}
      onCancel={props.onClose}
      okButtonProps={{ 'data-testid': 'request-form-save' } as ButtonProps}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" name="desk" initialValues={{ receivedOn: dayjs(toLocalDate(new Date())) }}>
        <Form.Item name="orgId" label="所在村（组织）" rules={[{ required: true, message: '请选择组织' }]}>
          <OrgField orgs={props.orgs} />
        </Form.Item>
        <Form.Item
          name="requester"
          label="办事群众"
          extra="姓名保存为 张*明 的形式"
          rules={[{ required: true, whitespace: true, message: '请填写办事群众' }, maxChars('办事群众', LIMITS.deedRequester)]}
        >
          <Input maxLength={LIMITS.deedRequester} data-testid="request-requester" />
        </Form.Item>
        <Form.Item name="contact" label="联系电话（可不填）" rules={[maxChars('联系电话', LIMITS.serviceContact)]}>
          <Input maxLength={LIMITS.serviceContact} data-testid="request-contact" />
        </Form.Item>
        <Form.Item
          name="matter"
          label="办理事项"
          rules={[{ required: true, whitespace: true, message: '请填写办理事项' }, maxChars('办理事项', LIMITS.serviceMatter)]}
        >
          <Input.TextArea rows={3} maxLength={LIMITS.serviceMatter} showCount data-testid="request-matter" />
        </Form.Item>
        <Form.Item name="receivedOn" label="受理日期" rules={[{ required: true, message: '请选择受理日期' }]}>
          <DatePicker disabledDate={disabledAfter(dayjs(toLocalDate(new Date())))} style={{ width: 200 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function HandleModal(props: { request: ServiceRequestView; onClose(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ status: 'handled' | 'referred'; note: string }>();
  const [error, setError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const send = useMutation({
    mutationFn: (b: { status: 'handled' | 'referred'; note: string }) => handleServiceRequest(props.request.id, b),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: serviceKeys.requests }),
  });
  const run = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await send.mutateAsync({ status: v.status, note: v.note.trim() });
      message.success('已记录');
      props.onClose();
    } catch (e) {
      setError(deedErrorText(e, '操作失败，请重试'));
    }
  };
  return (
    <Modal
      open
      title="办理情况"
      okText="确定"
      cancelText="取消"
      confirmLoading={send.isPending}
      onOk={() => void run()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{props.request.matter}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" name="handle" initialValues={{ status: 'handled' }}>
        <Form.Item name="status" label="结果">
          <Radio.Group
            options={[
              { value: 'handled', label: SERVICE_REQUEST_STATUS_LABELS.handled },
              { value: 'referred', label: SERVICE_REQUEST_STATUS_LABELS.referred },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label="办理情况"
          rules={[{ required: true, whitespace: true, message: '请填写办理情况' }, maxChars('办理情况', LIMITS.serviceNote)]}
        >
          <Input.TextArea rows={3} maxLength={LIMITS.serviceNote} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The 便民服务 screen. */
export function ServiceRequestsPage() {
  const orgs = useOrgs();
  const [orgId, setOrgId] = useState<string | null>(null);
  const [status, setStatus] = useState<ServiceRequestStatus | undefined>();
  const [year, setYear] = useState<number | undefined>();
  const [registering, setRegistering] = useState(false);
  const [handling, setHandling] = useState<ServiceRequestView | null>(null);
  const [toDeed, setToDeed] = useState<ServiceRequestView | null>(null);
  const paging = usePaging();
  const list = useServiceRequests({ orgId: orgId ?? undefined, status, year, page: paging.page, pageSize: paging.pageSize });
  const queryClient = useQueryClient();

  const columns: ColumnsType<ServiceRequestView> = [
    { title: '受理日期', dataIndex: 'receivedOn', width: 110 },
    { title: '组织', dataIndex: 'orgName', width: 140, ellipsis: true },
    { title: '办事群众', dataIndex: 'requester', width: 100 },
    { title: '联系电话', dataIndex: 'contact', width: 130, render: (c: string | null) => c ?? '—' },
    { title: '办理事项', dataIndex: 'matter', ellipsis: true },
    { title: '渠道', dataIndex: 'channel', width: 110, render: (c: ServiceRequestView['channel']) => SERVICE_REQUEST_CHANNEL_LABELS[c] },
    {
      title: '状态',
      dataIndex: 'status',
      width: 120,
      render: (s: ServiceRequestStatus, r) => (
        <Tag color={STATUS_COLORS[s]} data-testid={`request-status-${r.id}`}>
          {SERVICE_REQUEST_STATUS_LABELS[s]}
        </Tag>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 180,
      render: (_, r) =>
        r.status === 'received' ? (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => setHandling(r)} data-testid={`request-handle-${r.id}`}>
              办理
            </Button>
            <Button type="link" size="small" onClick={() => setToDeed(r)} data-testid={`request-deed-${r.id}`}>
              转为办实事
            </Button>
          </Space>
        ) : (
          <Typography.Text type="secondary" ellipsis={{ tooltip: r.handledNote }} style={{ maxWidth: 160 }}>
            {r.handledNote ?? ''}
          </Typography.Text>
        ),
    },
  ];

  return (
    <Card
      size="small"
      title="便民服务"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="request-new">
          窗口登记
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<ServiceRequestStatus>
          style={{ width: 130 }}
          allowClear
          placeholder="全部状态"
          value={status}
          onChange={(v) => (setStatus(v), paging.firstPage())}
          options={SERVICE_REQUEST_STATUSES.map((s) => ({ value: s, label: SERVICE_REQUEST_STATUS_LABELS[s] }))}
        />
        <Select<number>
          style={{ width: 110 }}
          allowClear
          placeholder="全部年度"
          value={year}
          onChange={(v) => (setYear(v), paging.firstPage())}
          options={yearOptions()}
        />
        <OrgFilter orgs={orgs} value={orgId} onChange={(o) => (setOrgId(o), paging.firstPage())} testId="request-filter-org" />
      </Space>
      <PagedTable<ServiceRequestView> columns={columns} list={list} paging={paging} unit="件" data-testid="request-table" />
      {registering && <DeskModal orgs={orgs ?? []} onClose={() => setRegistering(false)} />}
      {handling && <HandleModal request={handling} onClose={() => setHandling(null)} />}
      {toDeed && (
        <ToDeedModal
          title="转为办实事"
          orgId={toDeed.orgId}
          defaultTitle={toDeed.matter}
          send={(body) => serviceRequestToDeed(toDeed.id, body)}
          onClose={() => setToDeed(null)}
          onDone={() => {
            setToDeed(null);
            void queryClient.invalidateQueries({ queryKey: serviceKeys.requests });
            void queryClient.invalidateQueries({ queryKey: serviceKeys.deeds });
          }}
        />
      )}
    </Card>
  );
}
