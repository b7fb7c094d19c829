/**
 * 慰问记录: the visits to members of an org in a year (one row per member visited), 登记慰问 for
 * several members at once (the org's 困难党员 offered first), removal of a mistaken row, the Excel
 * export, and the 七一 / 春节 windows that figure #29 of the yearly report counts.
 */
import { DeleteOutlined, DownloadOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons';
import {
  CARE_FORM_LABELS,
  CARE_FORMS,
  CARE_FUND_SOURCE_LABELS,
  CARE_FUND_SOURCES,
  CARE_LIMITS as L,
  CARE_OCCASION_LABELS,
  CARE_OCCASIONS,
  type CareForm,
  type CareFundSource,
  type CareOccasion,
  type CareVisitView,
} from '@djzy/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  createCareVisit,
  deleteCareVisit,
  exportCareVisits,
  setCareSettings,
  useCareSettings,
  useCareVisits,
  useHardships,
} from '../../api/care';
import { fieldErrorsOr } from '../../api/formErrors';
import { FormDrawer } from '../../components/FormDrawer';
import { maxChars } from '../../components/formRules';
import { MemberSearchSelect } from '../../components/MemberSearchSelect';
import { RecordToolbar, useRecordScope, yuan } from '../records/common';

export function CareVisitsPage() {
  const s = useRecordScope();
  const queryClient = useQueryClient();
  const list = useCareVisits(s.scope);
  const settings = useCareSettings(s.scope);
  const [adding, setAdding] = useState(0);
  const [editingWindows, setEditingWindows] = useState(false);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['care-visits'] });
  const remove = useMutation({ mutationFn: deleteCareVisit, onSuccess: refresh });
  const data = list.data ?? [];
  const counted = new Set(data.filter((v) => v.window).map((v) => v.memberId)).size;
  const w = settings.data?.windows;

  const columns: ColumnsType<CareVisitView> = [
    { title: '日期', dataIndex: 'on', width: 110 },
    { title: '时机', dataIndex: 'occasion', width: 80, render: (o: CareOccasion) => CARE_OCCASION_LABELS[o] },
    { title: '受慰问党员', dataIndex: 'memberName', width: 110 },
    { title: '所在组织', dataIndex: 'memberOrgName', width: 130, ellipsis: true },
    { title: '慰问人', dataIndex: 'visitors', ellipsis: true },
    { title: '形式', dataIndex: 'form', width: 120, render: (f: CareForm) => CARE_FORM_LABELS[f] },
    { title: '金额', dataIndex: 'amountCents', width: 110, render: (c: number | null) => (c == null ? '—' : yuan(c)) },
    { title: '经费来源', dataIndex: 'fundSource', width: 120, render: (f: CareFundSource) => CARE_FUND_SOURCE_LABELS[f] },
    {
      title: '计入七一/春节',
      dataIndex: 'window',
      width: 110,
      render: (x: CareVisitView['window']) => (x ? <Tag color="red">{x === 'qiyi' ? '七一' : '春节'}</Tag> : <Tag>否</Tag>),
    },
    {
      title: '操作',
      key: 'op',
      width: 70,
      render: (_, v) => (
        <Popconfirm title="删除这条误登记的慰问记录？" okText="删除" cancelText="取消" onConfirm={() => remove.mutate(v.id)}>
          <Button type="link" danger size="small" icon={<DeleteOutlined />} data-testid={`care-delete-${v.id}`} />
        </Popconfirm>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title="慰问记录"
      extra={
        <Space>
          <Button icon={<SettingOutlined />} disabled={!s.orgId} onClick={() => setEditingWindows(true)} data-testid="care-windows">
            慰问时间段
          </Button>
          <Button
            icon={<DownloadOutlined />}
            disabled={!s.scope}
            onClick={() => s.scope && void exportCareVisits(s.scope).catch(() => undefined)}
            data-testid="care-export"
          >
            导出 Excel
          </Button>
          <Button type="primary" icon={<PlusOutlined />} disabled={!s.orgId} onClick={() => setAdding((n) => n + 1)} data-testid="care-new">
            登记慰问
          </Button>
        </Space>
      }
    >
      <RecordToolbar scope={s} prefix="care">
        <span data-testid="care-summary">
          慰问 {data.length} 人次；“七一”、春节期间慰问 {counted} 名
          {w &&
            `（七一 ${w.qiyi.from.slice(5)} 至 ${w.qiyi.to.slice(5)}${w.springFestival ? `，春节 ${w.springFestival.from.slice(5)} 至 ${w.springFestival.to.slice(5)}` : '，本年度春节时间段未收录'}）`}
        </span>
      </RecordToolbar>
      <Table<CareVisitView>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data}
        loading={list.isFetching}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '暂无慰问记录' }}
        data-testid="care-table"
      />
      {adding > 0 && s.orgId && (
        <CareVisitDrawer key={adding} orgId={s.orgId} onClose={() => setAdding(0)} onSaved={() => (setAdding(0), refresh())} />
      )}
      {editingWindows && settings.data && (
        <WindowsDrawer
          initial={settings.data}
          onClose={() => setEditingWindows(false)}
          onSaved={() => (setEditingWindows(false), void queryClient.invalidateQueries({ queryKey: ['care-settings'] }), refresh())}
        />
      )}
    </Card>
  );
}

interface Values {
  memberIds: string[];
  extraMemberId?: string;
  on: Dayjs;
  occasion: CareOccasion;
  visitors: string;
  form: CareForm;
  amountYuan?: number;
  fundSource: CareFundSource;
  note?: string;
}

function CareVisitDrawer(props: { orgId: string; onClose(): void; onSaved(): void }) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const hardships = useHardships({ orgId: props.orgId, status: 'active' });
  const save = useMutation({ mutationFn: createCareVisit });
  const kind = Form.useWatch('form', form);
  const submit = async (v: Values) => {
    setError(null);
    const memberIds = [...new Set([...(v.memberIds ?? []), ...(v.extraMemberId ? [v.extraMemberId] : [])])];
    if (!memberIds.length) return setError('请至少选择一名受慰问的党员');
    try {
      await save.mutateAsync({
        orgId: props.orgId,
        memberIds,
        on: v.on.format('YYYY-MM-DD'),
        occasion: v.occasion,
        visitors: v.visitors.trim(),
        form: v.form,
        amountCents: v.form !== 'goods' && v.amountYuan ? Math.round(v.amountYuan * 100) : undefined,
        fundSource: v.fundSource,
        note: v.note?.trim() || undefined,
      });
      props.onSaved();
    } catch (e) {
      setError(fieldErrorsOr(form, e, '保存失败，请重试', (f) => (f === 'amountCents' ? ['amountYuan'] : f === 'orgId' ? null : [f])));
    }
  };
  return (
    <FormDrawer
      title="登记慰问"
      open
      onClose={props.onClose}
      onSave={() => form.submit()}
      saving={save.isPending}
      size={560}
      testId="care-drawer"
      saveTestId="care-save"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="care-form-error" />}
      <Form
        form={form}
        layout="vertical"
        name="care"
        onFinish={(v) => void submit(v)}
        initialValues={{ on: dayjs(), occasion: 'qiyi', form: 'both', fundSource: 'party_dues', memberIds: [] }}
      >
        <Form.Item name="memberIds" label="受慰问的困难党员">
          <Select
            mode="multiple"
            data-testid="care-members"
            placeholder="从困难党员名单中选择"
            loading={hardships.isFetching}
            options={(hardships.data ?? []).map((h) => ({ value: h.memberId, label: `${h.memberName}（${h.orgName}）` }))}
            optionFilterProp="label"
          />
        </Form.Item>
        <Form.Item name="extraMemberId" label="或其他党员（名册中选择）">
          <MemberSearchSelect orgId={props.orgId} testId="care-extra-member" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="occasion" label="时机" rules={[{ required: true, message: '请选择时机' }]}>
            <Select
              data-testid="care-occasion"
              style={{ width: 120 }}
              options={CARE_OCCASIONS.map((o) => ({ value: o, label: CARE_OCCASION_LABELS[o] }))}
            />
          </Form.Item>
          <Form.Item name="on" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker data-testid="care-on" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </Space>
        <Form.Item
          name="visitors"
          label="慰问人"
          rules={[{ required: true, whitespace: true, message: '请填写慰问人' }, maxChars('慰问人', L.visitors)]}
        >
          <Input maxLength={L.visitors} data-testid="care-visitors" placeholder="如：镇党委书记 张三、组织委员 李四" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="form" label="形式" rules={[{ required: true, message: '请选择形式' }]}>
            <Select
              data-testid="care-form"
              style={{ width: 160 }}
              options={CARE_FORMS.map((f) => ({ value: f, label: CARE_FORM_LABELS[f] }))}
            />
          </Form.Item>
          {kind !== 'goods' && (
            <Form.Item name="amountYuan" label="每人慰问金（元）" rules={[{ required: true, message: '请填写每人金额' }]}>
              <InputNumber data-testid="care-amount" min={0.01} max={1_000_000} precision={2} style={{ width: 160 }} />
            </Form.Item>
          )}
          <Form.Item name="fundSource" label="经费来源" rules={[{ required: true, message: '请选择经费来源' }]}>
            <Select
              data-testid="care-fund"
              style={{ width: 160 }}
              options={CARE_FUND_SOURCES.map((f) => ({ value: f, label: CARE_FUND_SOURCE_LABELS[f] }))}
            />
          </Form.Item>
        </Space>
        <Form.Item name="note" label="备注" rules={[maxChars('备注', L.note)]}>
          <Input.TextArea rows={2} maxLength={L.note} data-testid="care-note" placeholder="如：送去米、面、油" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

function WindowsDrawer(props: {
  initial: { orgId: string; qiyiFrom: string; qiyiTo: string; springFromLaYueDay: number; springToZhengYueDay: number };
  onClose(): void;
  onSaved(): void;
}) {
  const [form] = Form.useForm<{ qiyiFrom: string; qiyiTo: string; springFromLaYueDay: number; springToZhengYueDay: number }>();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({ mutationFn: setCareSettings });
  return (
    <FormDrawer
      title="慰问时间段（乡镇设置）"
      open
      onClose={props.onClose}
      onSave={() => form.submit()}
      saving={save.isPending}
      size={480}
      testId="care-windows-drawer"
      saveTestId="care-windows-save"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="care-windows-error" />}
      <Form
        form={form}
        layout="vertical"
        initialValues={props.initial}
        onFinish={(v) => {
          setError(null);
          save
            .mutateAsync({ orgId: props.initial.orgId, ...v })
            .then(props.onSaved, (e: unknown) => setError(fieldErrorsOr(form, e, '保存失败，请重试', (f) => (f === 'orgId' ? null : [f]))));
        }}
      >
        <Space wrap>
          <Form.Item name="qiyiFrom" label="七一慰问 开始（月-日）" rules={[{ required: true, message: '请填写' }]}>
            <Input style={{ width: 120 }} placeholder="06-01" data-testid="care-qiyi-from" />
          </Form.Item>
          <Form.Item name="qiyiTo" label="结束（月-日）" rules={[{ required: true, message: '请填写' }]}>
            <Input style={{ width: 120 }} placeholder="07-10" data-testid="care-qiyi-to" />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="springFromLaYueDay" label="春节慰问 开始：腊月第几天" rules={[{ required: true, message: '请填写' }]}>
            <InputNumber min={10} max={29} precision={0} data-testid="care-spring-from" />
          </Form.Item>
          <Form.Item name="springToZhengYueDay" label="结束：正月第几天" rules={[{ required: true, message: '请填写' }]}>
            <InputNumber min={1} max={30} precision={0} data-testid="care-spring-to" />
          </Form.Item>
        </Space>
        <Alert
          type="info"
          showIcon
          title="默认：七一 6月1日至7月10日；春节 腊月十五至正月十五（按农历表换算为公历日期）。乡镇设置后，本乡镇各支部均按此统计。"
        />
      </Form>
    </FormDrawer>
  );
}
