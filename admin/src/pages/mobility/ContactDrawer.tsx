/**
 * 联系记录: every contact with one mobile member, newest first (the cadre's calls, visits and
 * messages, and the member's own reports), and the form that logs a new one.
 */
import {
  CADRE_CONTACT_METHODS,
  type CadreContactMethod,
  CONTACT_METHOD_LABELS,
  type ContactLogRequest,
  type ContactLogView,
  LIMITS,
  type MobileMemberView,
  MOBILITY_STATUS_LABELS,
  toIsoLocal,
} from '@djzy/shared';
import { maxChars } from '../../components/formRules';
import { Alert, App, Button, Card, Checkbox, DatePicker, Descriptions, Drawer, Form, Input, Radio, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { fieldErrorsOr, onlyFields } from '../../api/formErrors';
import { logContact, mobilityKeys, useContacts } from '../../api/mobility';
import { minuteOf, newIdempotencyKey, outcomeUnknown } from './shared';

/** Props of ContactDrawer. */
export interface ContactDrawerProps {
  /** The member whose contacts are open (null: closed). */
  record: MobileMemberView | null;
  onClose(): void;
}

const columns: ColumnsType<ContactLogView> = [
  { title: '联系时间', dataIndex: 'contactedAt', width: 140, render: (v: string) => minuteOf(v) },
  {
    title: '方式',
    dataIndex: 'method',
    width: 90,
    render: (m: ContactLogView['method']) => (
      <Tag color={m === 'self_report' ? 'blue' : 'red'} data-testid="contact-method">
        {CONTACT_METHOD_LABELS[m] ?? m}
      </Tag>
    ),
  },
  {
    title: '联系人',
    key: 'who',
    width: 90,
    render: (_: unknown, l) => (l.method === 'self_report' ? '本人' : (l.cadreName ?? '—')),
  },
  {
    title: '内容',
    key: 'summary',
    render: (_: unknown, l) => (
      <>
        <div data-testid="contact-summary">{l.summary}</div>
        {l.needs && <Typography.Text type="secondary">诉求：{l.needs}</Typography.Text>}
      </>
    ),
  },
  {
    title: '需跟进',
    dataIndex: 'followUpRequired',
    width: 80,
    render: (f: boolean) => (f ? <Tag color="orange">需跟进</Tag> : null),
  },
];

/** The contact drawer. */
export function ContactDrawer({ record, onClose }: ContactDrawerProps) {
  const queryClient = useQueryClient();
  const contacts = useContacts(record?.member.id ?? null);
  const logs = contacts.isError ? [] : (contacts.data ?? null);
  // The log and the ledger's overdue days both move with a new contact.
  const changed = () => void queryClient.invalidateQueries({ queryKey: mobilityKeys.all });

  return (
    <Drawer
      open={!!record}
      onClose={onClose}
      size={900}
      title={record ? `${record.member.name}（${record.member.branchName ?? record.member.orgName}）的联系记录` : ''}
      destroyOnHidden
      data-testid="contact-drawer"
    >
      {record && (
        <>
          <Descriptions size="small" column={3} style={{ marginBottom: 16 }}>
            <Descriptions.Item label="外出地点">{record.destination}</Descriptions.Item>
            <Descriptions.Item label="联系干部">{record.contactCadre?.name ?? '未指定'}</Descriptions.Item>
            <Descriptions.Item label="联系周期">{record.intervalDays} 天</Descriptions.Item>
            <Descriptions.Item label="状态">{MOBILITY_STATUS_LABELS[record.status]}</Descriptions.Item>
            <Descriptions.Item label="本人最近报告">{minuteOf(record.lastSelfReportAt) || '无'}</Descriptions.Item>
          </Descriptions>
          {record.status !== 'returned' && <ContactForm memberId={record.member.id} onDone={changed} />}
          <Table<ContactLogView>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={logs ?? []}
            loading={logs === null}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            data-testid="contact-history"
            locale={{ emptyText: '还没有联系记录' }}
          />
        </>
      )}
    </Drawer>
  );
}

interface ContactValues {
  method: CadreContactMethod;
  contactedAt: Dayjs | null;
  summary: string;
  needs?: string;
  followUpRequired?: boolean;
}

const freshValues = (): ContactValues => ({ method: 'phone', contactedAt: dayjs(), summary: '', needs: '', followUpRequired: false });

/**
 * 登记联系. One Idempotency-Key per submission; a retry of the same submission after a lost answer
 * sends the same key, so the contact (and the cadre's points) is recorded once.
 */
function ContactForm(props: { memberId: string; onDone(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ContactValues>();
  const log = useMutation({ mutationFn: (a: { body: ContactLogRequest; key: string }) => logContact(props.memberId, a.body, a.key) });
  const [error, setError] = useState<string | null>(null);
  const pending = useRef<{ key: string; body: string } | null>(null);

  const submit = async (v: ContactValues) => {
    if (!v.contactedAt) return;
    const body = {
      method: v.method,
      contactedAt: toIsoLocal(v.contactedAt.toDate()),
      summary: v.summary.trim(),
      needs: v.needs?.trim() || undefined,
      followUpRequired: !!v.followUpRequired,
    };
    const signature = JSON.stringify(body);
    if (!pending.current || pending.current.body !== signature) pending.current = { key: newIdempotencyKey('contact'), body: signature };
    setError(null);
    try {
      const res = await log.mutateAsync({ body, key: pending.current.key });
      pending.current = null;
      form.setFieldsValue(freshValues());
      message.success(res.pointsAwarded ? `已登记联系，联系干部获得 ${res.pointsAwarded} 积分` : '已登记联系');
      props.onDone();
    } catch (e) {
      if (!outcomeUnknown(e)) pending.current = null;
      const text = fieldErrorsOr(form, e, '提交失败，请重试', onlyFields(['method', 'contactedAt', 'summary', 'needs']));
      if (text) setError(outcomeUnknown(e) ? `${text}（可直接再次提交，不会重复登记）` : text);
    }
  };

  return (
    <Card size="small" title="登记联系" style={{ marginBottom: 16 }} data-testid="contact-form">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} data-testid="contact-error" />}
      <Form<ContactValues> form={form} name="contact" layout="vertical" initialValues={freshValues()} onFinish={(v) => void submit(v)}>
        <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
          <Form.Item name="method" label="联系方式" rules={[{ required: true, message: '请选择联系方式' }]}>
            <Radio.Group optionType="button" options={CADRE_CONTACT_METHODS.map((m) => ({ value: m, label: CONTACT_METHOD_LABELS[m] }))} />
          </Form.Item>
          <Form.Item
            name="contactedAt"
            label="联系时间"
            rules={[
              { required: true, message: '请选择联系时间' },
              {
                validator: (_r, v: Dayjs | null) =>
                  v && v.isAfter(dayjs().add(1, 'minute')) ? Promise.reject(new Error('联系时间不能晚于现在')) : Promise.resolve(),
              },
            ]}
          >
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              allowClear={false}
            />
          </Form.Item>
          <Form.Item name="followUpRequired" label=" " valuePropName="checked">
            <Checkbox>需跟进</Checkbox>
          </Form.Item>
        </div>
        <Form.Item
          name="summary"
          label="联系内容"
          rules={[{ required: true, whitespace: true, message: '请简要记录谈了什么' }, maxChars('联系内容', LIMITS.contactSummary)]}
        >
          <Input.TextArea rows={2} maxLength={LIMITS.contactSummary} showCount placeholder="谈了什么：工作、生活、学习情况等" />
        </Form.Item>
        <Form.Item name="needs" label="反映的诉求" rules={[maxChars('诉求', LIMITS.contactNeeds)]}>
          <Input.TextArea rows={2} maxLength={LIMITS.contactNeeds} placeholder="选填：提出的困难或需要组织帮助的事" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={log.isPending} data-testid="contact-submit">
          保存联系记录
        </Button>
      </Form>
    </Card>
  );
}
