/**
 * 党费台账: every Party member of an org for a year — the monthly amount the branch set (category,
 * base and the 2008 rate), the months paid and still owed — with 设定标准 and 登记交纳 (months,
 * amount, method, transaction id). A record of what was paid: no money moves through the system,
 * and dues are never part of points or any ranking. For a branch: 公开收缴情况 publishes the year's
 * summary to its members (names, months paid, amounts — no personal numbers), published again to
 * bring it up to date.
 */
import {
  DUES_CATEGORIES,
  DUES_CATEGORY_LABELS,
  DUES_METHOD_LABELS,
  DUES_METHODS,
  type DuesCategory,
  type DuesMethod,
  type MemberDuesYear,
} from '@djzy/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Card, message } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { createDuesPayment, publishDuesDisclosure, setDuesBase, useDuesDisclosures, useDuesYear } from '../../api/dues';
import { fieldErrorsOr } from '../../api/formErrors';
import { FormDrawer } from '../../components/FormDrawer';
import { flattenOrgs } from '../../components/OrgTreeSelect';
import { RecordToolbar, useRecordScope, yuan } from '../records/common';

const BASED: DuesCategory[] = ['employed', 'annual_salary', 'self_employed', 'retired'];

export function DuesPage() {
  const s = useRecordScope();
  const queryClient = useQueryClient();
  const list = useDuesYear(s.scope);
  const [basing, setBasing] = useState<MemberDuesYear | null>(null);
  const [paying, setPaying] = useState<MemberDuesYear | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['dues'] });
  const data = list.data ?? [];
  const isBranch = !!s.orgs && flattenOrgs(s.orgs).some((o) => o.id === s.orgId && o.kind === 'branch');
  const disclosures = useDuesDisclosures(isBranch ? s.scope : null);
  const published = (disclosures.data ?? []).find((d) => d.orgId === s.orgId && d.year === s.scope?.year) ?? null;
  const [showing, setShowing] = useState(false);
  const publish = useMutation({ mutationFn: publishDuesDisclosure });
  const doPublish = () =>
    s.scope &&
    publish.mutateAsync({ orgId: s.scope.orgId, year: s.scope.year }).then((d) => {
      void message.success(`已向本支部党员公开 ${d.year} 年度党费收缴情况`);
      refresh();
    });

  const columns: ColumnsType<MemberDuesYear> = [
    { title: '姓名', dataIndex: 'memberName', width: 100 },
    { title: '所在组织', dataIndex: 'orgName', width: 140, ellipsis: true },
    { title: '类别', key: 'category', width: 150, render: (_, y) => (y.base ? DUES_CATEGORY_LABELS[y.base.category] : <Tag>未设定</Tag>) },
    { title: '每月', key: 'monthly', width: 100, render: (_, y) => (y.base ? yuan(y.base.monthlyCents) : '—') },
    {
      title: '已交月份',
      key: 'paid',
      render: (_, y) => (y.paidMonths.length ? y.paidMonths.map((m) => `${Number(m.slice(5))}月`).join('、') : '—'),
    },
    {
      title: '未交',
      key: 'unpaid',
      width: 140,
      render: (_, y) => (y.unpaidMonths.length ? <Tag color="orange">{y.unpaidMonths.length} 个月</Tag> : <Tag color="green">已交清</Tag>),
    },
    {
      title: '操作',
      key: 'op',
      width: 170,
      render: (_, y) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setBasing(y)} data-testid={`dues-base-${y.memberId}`}>
            设定标准
          </Button>
          <Button type="link" size="small" disabled={!y.base} onClick={() => setPaying(y)} data-testid={`dues-pay-${y.memberId}`}>
            登记交纳
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Card size="small" title="党费台账">
      <RecordToolbar scope={s} prefix="dues">
        <span data-testid="dues-summary">
          党员 {data.length} 名，未设定标准 {data.filter((y) => !y.base).length} 名，有欠交{' '}
          {data.filter((y) => y.unpaidMonths.length > 0).length} 名（只记录交纳情况，不经手资金）
        </span>
        {isBranch && (
          <Space size={4} data-testid="dues-disclosure">
            {published ? (
              <Button type="link" size="small" onClick={() => setShowing(true)} data-testid="dues-disclosure-view">
                已于 {published.publishedOn} 向党员公开（合计 {yuan(published.totalCents)}）
              </Button>
            ) : (
              <Tag>本年度尚未向党员公开</Tag>
            )}
            <Button size="small" loading={publish.isPending} onClick={() => void doPublish()} data-testid="dues-disclosure-publish">
              {published ? '更新公开' : '公开收缴情况'}
            </Button>
          </Space>
        )}
      </RecordToolbar>
      <Table<MemberDuesYear>
        rowKey="memberId"
        size="small"
        columns={columns}
        dataSource={data}
        loading={list.isFetching}
        pagination={{ pageSize: 30, hideOnSinglePage: true }}
        locale={{ emptyText: '暂无党员' }}
        data-testid="dues-table"
      />
      {basing && s.scope && (
        <BaseDrawer row={basing} year={s.scope.year} onClose={() => setBasing(null)} onSaved={() => (setBasing(null), refresh())} />
      )}
      {paying && <PayDrawer row={paying} onClose={() => setPaying(null)} onSaved={() => (setPaying(null), refresh())} />}
      {published && (
        <Modal
          open={showing}
          onCancel={() => setShowing(false)}
          footer={null}
          width={640}
          title={`${published.orgName} ${published.year} 年度党费收缴情况（${published.publishedOn} 公开）`}
        >
          <Table
            rowKey={(r) => r.memberName + r.paidMonths.join()}
            size="small"
            pagination={false}
            dataSource={published.rows}
            data-testid="dues-disclosure-table"
            columns={[
              { title: '姓名', dataIndex: 'memberName', width: 100 },
              {
                title: '已交月份',
                key: 'months',
                render: (_, r) => (r.paidMonths.length ? r.paidMonths.map((m) => `${Number(m.slice(5))}月`).join('、') : '—'),
              },
              { title: '金额', key: 'amount', width: 100, render: (_, r) => yuan(r.paidCents) },
            ]}
          />
        </Modal>
      )}
    </Card>
  );
}

function BaseDrawer(props: { row: MemberDuesYear; year: number; onClose(): void; onSaved(): void }) {
  const [form] = Form.useForm<{ category: DuesCategory; baseYuan?: number; monthlyYuan?: number; overrideReason?: string }>();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({ mutationFn: setDuesBase });
  const category = Form.useWatch('category', form);
  const b = props.row.base;
  return (
    <FormDrawer
      title={`设定党费标准：${props.row.memberName}（${props.year}年）`}
      open
      onClose={props.onClose}
      onSave={() => form.submit()}
      saving={save.isPending}
      size={480}
      testId="dues-base-drawer"
      saveTestId="dues-base-save"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="dues-base-error" />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          category: b?.category ?? 'farmer',
          baseYuan: b?.baseCents != null ? b.baseCents / 100 : undefined,
          monthlyYuan: b && b.baseCents == null ? b.monthlyCents / 100 : undefined,
          overrideReason: b?.overrideReason ?? undefined,
        }}
        onFinish={(v) => {
          setError(null);
          save
            .mutateAsync({
              memberId: props.row.memberId,
              year: props.year,
              category: v.category,
              baseCents: BASED.includes(v.category) && v.baseYuan != null ? Math.round(v.baseYuan * 100) : undefined,
              monthlyCents: v.monthlyYuan != null ? Math.round(v.monthlyYuan * 100) : undefined,
              overrideReason: v.overrideReason?.trim() || undefined,
            })
            .then(props.onSaved, (e: unknown) =>
              setError(
                fieldErrorsOr(form, e, '保存失败，请重试', (f) =>
                  f === 'baseCents' ? ['baseYuan'] : f === 'monthlyCents' ? ['monthlyYuan'] : [f],
                ),
              ),
            );
        }}
      >
        <Form.Item name="category" label="党员类别" rules={[{ required: true, message: '请选择类别' }]}>
          <Select data-testid="dues-category" options={DUES_CATEGORIES.map((c) => ({ value: c, label: DUES_CATEGORY_LABELS[c] }))} />
        </Form.Item>
        {BASED.includes(category) && (
          <Form.Item name="baseYuan" label="计算基数（元/月，税后）" rules={[{ required: true, message: '请填写计算基数' }]}>
            <InputNumber min={0} precision={2} style={{ width: 200 }} data-testid="dues-base-yuan" />
          </Form.Item>
        )}
        <Form.Item
          name="monthlyYuan"
          label={category === 'farmer' ? '每月党费（元，0.2 至 1 元）' : '每月党费（元，不填按规定计算）'}
          rules={category === 'farmer' ? [{ required: true, message: '请填写每月党费' }] : []}
        >
          <InputNumber min={0.01} precision={2} style={{ width: 200 }} data-testid="dues-monthly-yuan" />
        </Form.Item>
        <Form.Item name="overrideReason" label="调整理由（金额与规定不同时填写）">
          <Input maxLength={200} data-testid="dues-override-reason" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

function PayDrawer(props: { row: MemberDuesYear; onClose(): void; onSaved(): void }) {
  const [form] = Form.useForm<{
    months: string[];
    amountYuan: number;
    method: DuesMethod;
    proxyName?: string;
    paidOn: Dayjs;
    externalTxnId?: string;
    receiptNo?: string;
    note?: string;
  }>();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({ mutationFn: createDuesPayment });
  const method = Form.useWatch('method', form);
  const monthly = props.row.base?.monthlyCents ?? 0;
  const year = props.row.year;
  const monthOptions = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`).map((m) => ({
    value: m,
    label: `${Number(m.slice(5))}月`,
    disabled: props.row.paidMonths.includes(m),
  }));
  return (
    <FormDrawer
      title={`登记交纳：${props.row.memberName}`}
      open
      onClose={props.onClose}
      onSave={() => form.submit()}
      saving={save.isPending}
      size={520}
      testId="dues-pay-drawer"
      saveTestId="dues-pay-save"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="dues-pay-error" />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ months: props.row.unpaidMonths.slice(0, 1), amountYuan: monthly / 100, method: 'cash', paidOn: dayjs() }}
        onValuesChange={(changed: { months?: string[] }) => {
          if (changed.months) form.setFieldValue('amountYuan', (changed.months.length * monthly) / 100);
        }}
        onFinish={(v) => {
          setError(null);
          save
            .mutateAsync({
              memberId: props.row.memberId,
              months: v.months,
              amountCents: Math.round(v.amountYuan * 100),
              method: v.method,
              proxyName: v.method === 'proxy' ? v.proxyName?.trim() : undefined,
              paidOn: v.paidOn.format('YYYY-MM-DD'),
              externalTxnId: v.externalTxnId?.trim() || undefined,
              receiptNo: v.receiptNo?.trim() || undefined,
              note: v.note?.trim() || undefined,
            })
            .then(props.onSaved, (e: unknown) =>
              setError(
                fieldErrorsOr(form, e, '保存失败，请重试', (f) => (f === 'amountCents' ? ['amountYuan'] : f === 'memberId' ? null : [f])),
              ),
            );
        }}
      >
        <Form.Item name="months" label="交纳月份" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个月份' }]}>
          <Select mode="multiple" options={monthOptions} data-testid="dues-months" />
        </Form.Item>
        <Space wrap>
          <Form.Item
            name="amountYuan"
            label={`金额（元，每月 ${(monthly / 100).toFixed(2)} 元）`}
            rules={[{ required: true, message: '请填写金额' }]}
          >
            <InputNumber min={0.01} precision={2} style={{ width: 160 }} data-testid="dues-amount" />
          </Form.Item>
          <Form.Item name="method" label="交纳方式">
            <Select
              style={{ width: 140 }}
              options={DUES_METHODS.map((m) => ({ value: m, label: DUES_METHOD_LABELS[m] }))}
              data-testid="dues-method"
            />
          </Form.Item>
          <Form.Item name="paidOn" label="交纳日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </Space>
        {method === 'proxy' && (
          <Form.Item name="proxyName" label="代交人" rules={[{ required: true, whitespace: true, message: '请填写代交人姓名' }]}>
            <Input maxLength={50} data-testid="dues-proxy" />
          </Form.Item>
        )}
        <Space wrap>
          <Form.Item name="externalTxnId" label="交易单号（微信、支付宝、银行）">
            <Input maxLength={64} style={{ width: 220 }} data-testid="dues-txn" />
          </Form.Item>
          <Form.Item name="receiptNo" label="收据编号">
            <Input maxLength={32} style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.Item name="note" label="备注（金额与标准不同、补交超过 6 个月时必填）">
          <Input.TextArea rows={2} maxLength={500} data-testid="dues-note" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
