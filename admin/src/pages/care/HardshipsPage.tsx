/**
 * 困难党员: the members in hardship of an org (the committee's list — never shown to members),
 * 登记困难党员 with the reasons, the yearly 复核 (still in hardship, or out of it) and 脱困.
 */
import { PlusOutlined } from '@ant-design/icons';
import {
  CARE_LIMITS as L,
  HARDSHIP_REASON_LABELS,
  HARDSHIP_REASONS,
  HARDSHIP_STATUS_LABELS,
  type HardshipReason,
  type HardshipStatus,
  type HardshipView,
} from '@djzy/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, DatePicker, Form, Input, Radio, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { createHardship, resolveHardship, reviewHardship, useHardships } from '../../api/care';
import { fieldErrorsOr } from '../../api/formErrors';
import { FormDrawer } from '../../components/FormDrawer';
import { maxChars } from '../../components/formRules';
import { MemberSearchSelect } from '../../components/MemberSearchSelect';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useOrgChoice } from '../../hooks/useOrgs';

export function HardshipsPage() {
  const { orgs, orgId, setOrgId } = useOrgChoice();
  const [status, setStatus] = useState<HardshipStatus | 'all'>('active');
  const queryClient = useQueryClient();
  const list = useHardships(orgId ? { orgId, status: status === 'all' ? undefined : status } : null);
  const [adding, setAdding] = useState(0);
  const [reviewing, setReviewing] = useState<HardshipView | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['hardships'] });
  const data = list.data ?? [];

  const columns: ColumnsType<HardshipView> = [
    { title: '姓名', dataIndex: 'memberName', width: 100 },
    { title: '所在组织', dataIndex: 'orgName', width: 140, ellipsis: true },
    { title: '困难原因', key: 'reasons', render: (_, h) => h.reasons.map((r) => <Tag key={r}>{HARDSHIP_REASON_LABELS[r]}</Tag>) },
    { title: '困难情况', dataIndex: 'note', ellipsis: true },
    { title: '认定日期', dataIndex: 'assessedOn', width: 110 },
    {
      title: '下次复核',
      key: 'reviewDue',
      width: 130,
      render: (_, h) =>
        h.status === 'active' ? (
          <span style={{ color: h.reviewOverdue ? '#cf1322' : undefined }}>
            {h.reviewDue}
            {h.reviewOverdue ? '（已到期）' : ''}
          </span>
        ) : (
          '—'
        ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (s: HardshipStatus, h) => (
        <Tag color={s === 'active' ? 'orange' : 'green'}>
          {HARDSHIP_STATUS_LABELS[s]}
          {h.resolvedOn ? ` ${h.resolvedOn}` : ''}
        </Tag>
      ),
    },
    {
      title: '操作',
      key: 'op',
      width: 90,
      render: (_, h) =>
        h.allowedMoves.includes('review') && (
          <Button type="link" size="small" onClick={() => setReviewing(h)} data-testid={`hardship-review-${h.id}`}>
            复核
          </Button>
        ),
    },
  ];

  return (
    <Card
      size="small"
      title="困难党员"
      extra={
        <Button type="primary" icon={<PlusOutlined />} disabled={!orgId} onClick={() => setAdding((n) => n + 1)} data-testid="hardship-new">
          登记困难党员
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        {orgs && <OrgTreeSelect orgs={orgs} value={orgId} onChange={setOrgId} testId="hardships-org" />}
        <Select<HardshipStatus | 'all'>
          data-testid="hardships-status"
          style={{ width: 120 }}
          value={status}
          onChange={setStatus}
          options={[
            { value: 'active', label: '困难' },
            { value: 'resolved', label: '已脱困' },
            { value: 'all', label: '全部' },
          ]}
        />
        <span data-testid="hardships-summary">
          共 {data.length} 人，其中到期未复核 {data.filter((h) => h.reviewOverdue).length} 人。困难党员信息仅党组织（党委、支委）可见。
        </span>
      </Space>
      <Table<HardshipView>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data}
        loading={list.isFetching}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '暂无困难党员' }}
        data-testid="hardships-table"
      />
      {adding > 0 && orgId && (
        <HardshipDrawer key={adding} orgId={orgId} onClose={() => setAdding(0)} onSaved={() => (setAdding(0), refresh())} />
      )}
      {reviewing && (
        <ReviewDrawer hardship={reviewing} onClose={() => setReviewing(null)} onSaved={() => (setReviewing(null), refresh())} />
      )}
    </Card>
  );
}

interface Values {
  memberId: string;
  reasons: HardshipReason[];
  note?: string;
  assessedOn: Dayjs;
}

function HardshipDrawer(props: { orgId: string; onClose(): void; onSaved(): void }) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({ mutationFn: createHardship });
  const submit = async (v: Values) => {
    setError(null);
    try {
      await save.mutateAsync({
        memberId: v.memberId,
        reasons: v.reasons,
        note: v.note?.trim() || undefined,
        assessedOn: v.assessedOn.format('YYYY-MM-DD'),
      });
      props.onSaved();
    } catch (e) {
      setError(fieldErrorsOr(form, e, '保存失败，请重试'));
    }
  };
  return (
    <FormDrawer
      title="登记困难党员"
      open
      onClose={props.onClose}
      onSave={() => form.submit()}
      saving={save.isPending}
      size={560}
      testId="hardship-drawer"
      saveTestId="hardship-save"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="hardship-form-error" />}
      <Form
        form={form}
        layout="vertical"
        name="hardship"
        onFinish={(v) => void submit(v)}
        initialValues={{ assessedOn: dayjs(), reasons: [] }}
      >
        <Form.Item name="memberId" label="党员" rules={[{ required: true, message: '请选择党员' }]}>
          <MemberSearchSelect orgId={props.orgId} testId="hardship-member" />
        </Form.Item>
        <Form.Item name="reasons" label="困难原因" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一项困难原因' }]}>
          <Checkbox.Group
            data-testid="hardship-reasons"
            options={HARDSHIP_REASONS.map((r) => ({ value: r, label: HARDSHIP_REASON_LABELS[r] }))}
            style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
          />
        </Form.Item>
        <Form.Item name="note" label="困难情况" rules={[maxChars('困难情况', L.note)]}>
          <Input.TextArea rows={3} maxLength={L.note} data-testid="hardship-note" placeholder="如：本人患慢性病，长期服药" />
        </Form.Item>
        <Form.Item name="assessedOn" label="认定日期" rules={[{ required: true, message: '请选择认定日期' }]}>
          <DatePicker data-testid="hardship-assessed-on" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

function ReviewDrawer(props: { hardship: HardshipView; onClose(): void; onSaved(): void }) {
  const [form] = Form.useForm<{ on: Dayjs; result: 'still' | 'resolved'; note?: string }>();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: { on: string; result: 'still' | 'resolved'; note?: string }) =>
      v.result === 'still'
        ? reviewHardship(props.hardship.id, { on: v.on, stillInHardship: true, note: v.note })
        : resolveHardship(props.hardship.id, { on: v.on, note: v.note }),
  });
  return (
    <FormDrawer
      title={`复核：${props.hardship.memberName}`}
      open
      onClose={props.onClose}
      onSave={() => form.submit()}
      saving={save.isPending}
      size={480}
      testId="hardship-review-drawer"
      saveTestId="hardship-review-save"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ on: dayjs(), result: 'still' }}
        onFinish={(v) => {
          setError(null);
          save
            .mutateAsync({ on: v.on.format('YYYY-MM-DD'), result: v.result, note: v.note?.trim() || undefined })
            .then(props.onSaved, (e: unknown) => setError(fieldErrorsOr(form, e, '保存失败，请重试')));
        }}
      >
        <Form.Item name="result" label="复核结果">
          <Radio.Group data-testid="hardship-review-result">
            <Radio value="still">仍然困难（一年后再复核）</Radio>
            <Radio value="resolved">已脱困</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="on" label="复核日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="note" label="复核情况" rules={[maxChars('复核情况', L.reviewNote)]}>
          <Input.TextArea rows={3} maxLength={L.reviewNote} data-testid="hardship-review-note" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
