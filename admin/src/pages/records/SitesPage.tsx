/**
 * 党建阵地: each branch's site, whether and when it was brought to standard, and the money put in
 * (the year's investments, in 元); 登记阵地 / 编辑, 登记投入, and the Excel import.
 */
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { RECORD_LIMITS as L, type CreateSiteInvestmentRequest, type OrgNode, type SiteInvestmentView, type SiteView } from '@djzy/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { fieldErrorsOr } from '../../api/formErrors';
import { addInvestment, createSite, deleteInvestment, deleteSite, updateSite, useSites } from '../../api/records';
import { FormDrawer } from '../../components/FormDrawer';
import { maxChars } from '../../components/formRules';
import { flattenOrgs } from '../../components/OrgTreeSelect';
import { ImportButton, RecordToolbar, useRecordScope, yuan } from './common';

export function SitesPage() {
  const s = useRecordScope();
  const queryClient = useQueryClient();
  const list = useSites(s.scope);
  const [editing, setEditing] = useState<{ n: number; site: SiteView | null } | null>(null);
  const [investing, setInvesting] = useState<SiteView | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['sites'] });
  const remove = useMutation({ mutationFn: deleteSite, onSuccess: refresh });
  const removeInvestment = useMutation({ mutationFn: (i: SiteInvestmentView) => deleteInvestment(i.siteId, i.id), onSuccess: refresh });
  const data = list.data ?? [];
  const standardized = data.filter((x) => x.standardizedOn?.startsWith(String(s.year))).length;
  const invested = data.reduce((n, x) => n + x.investedCents, 0);

  const columns: ColumnsType<SiteView> = [
    { title: '党支部', dataIndex: 'orgName', width: 140 },
    { title: '阵地名称', dataIndex: 'name' },
    { title: '面积', dataIndex: 'areaM2', width: 90, render: (a: number | null) => (a ? `${a} ㎡` : '—') },
    {
      title: '标准化建设',
      dataIndex: 'standardizedOn',
      width: 150,
      render: (d: string | null) => (d ? <Tag color={d.startsWith(String(s.year)) ? 'green' : 'blue'}>{d} 达标</Tag> : <Tag>未达标</Tag>),
    },
    { title: `${s.year} 年投入`, dataIndex: 'investedCents', width: 140, render: (c: number) => yuan(c) },
    {
      title: '操作',
      key: 'op',
      width: 200,
      render: (_, site) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing({ n: Date.now(), site })}>
            编辑
          </Button>
          <Button type="link" size="small" onClick={() => setInvesting(site)} data-testid={`site-invest-${site.id}`}>
            登记投入
          </Button>
          <Popconfirm title="删除该阵地及其投入记录？" okText="删除" cancelText="取消" onConfirm={() => remove.mutate(site.id)}>
            <Button type="link" danger size="small" icon={<DeleteOutlined />} />
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title="党建阵地"
      extra={
        <Space>
          <ImportButton kind="sites" orgId={s.orgId} onImported={refresh} />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={!s.orgs}
            onClick={() => setEditing({ n: Date.now(), site: null })}
            data-testid="site-new"
          >
            登记阵地
          </Button>
        </Space>
      }
    >
      <RecordToolbar scope={s} prefix="sites">
        <span data-testid="sites-summary">
          {s.year} 年标准化建成 {standardized} 个，投入 {(invested / 1_000_000).toFixed(2)} 万元
        </span>
      </RecordToolbar>
      <Table<SiteView>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data}
        loading={list.isFetching}
        pagination={false}
        locale={{ emptyText: '暂无党建阵地' }}
        data-testid="sites-table"
        expandable={{
          rowExpandable: (x) => x.investments.length > 0,
          expandedRowRender: (x) => (
            <Table<SiteInvestmentView>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={x.investments}
              columns={[
                { title: '日期', dataIndex: 'on', width: 110 },
                { title: '用途', dataIndex: 'purpose' },
                { title: '金额', dataIndex: 'amountCents', width: 140, render: (c: number) => yuan(c) },
                {
                  title: '',
                  key: 'op',
                  width: 60,
                  render: (_, i) => (
                    <Popconfirm title="删除这笔误登记的投入？" okText="删除" cancelText="取消" onConfirm={() => removeInvestment.mutate(i)}>
                      <Button type="link" danger size="small" icon={<DeleteOutlined />} />
                    </Popconfirm>
                  ),
                },
              ]}
            />
          ),
        }}
      />
      {editing && s.orgs && (
        <SiteDrawer
          key={editing.n}
          orgs={s.orgs}
          site={editing.site}
          onClose={() => setEditing(null)}
          onSaved={() => (setEditing(null), refresh())}
        />
      )}
      {investing && <InvestmentModal site={investing} onClose={() => setInvesting(null)} onSaved={() => (setInvesting(null), refresh())} />}
    </Card>
  );
}

interface SiteValues {
  orgId?: string;
  name: string;
  address?: string;
  areaM2?: number | null;
  standardizedOn?: Dayjs | null;
  note?: string;
}

function SiteDrawer(props: { orgs: OrgNode[]; site: SiteView | null; onClose(): void; onSaved(): void }) {
  const [form] = Form.useForm<SiteValues>();
  const [error, setError] = useState<string | null>(null);
  const branches = useMemo(() => flattenOrgs(props.orgs).filter((o) => o.kind === 'branch'), [props.orgs]);
  const save = useMutation({
    mutationFn: (v: SiteValues) => {
      const common = { name: v.name.trim(), address: v.address?.trim() || undefined, note: v.note?.trim() || undefined };
      if (props.site)
        return updateSite(props.site.id, {
          ...common,
          address: common.address ?? null,
          note: common.note ?? null,
          areaM2: v.areaM2 ?? null,
          standardizedOn: v.standardizedOn ? v.standardizedOn.format('YYYY-MM-DD') : null,
        });
      return createSite({
        ...common,
        orgId: v.orgId!,
        areaM2: v.areaM2 ?? undefined,
        standardizedOn: v.standardizedOn?.format('YYYY-MM-DD'),
      });
    },
  });
  const submit = async (v: SiteValues) => {
    setError(null);
    try {
      await save.mutateAsync(v);
      props.onSaved();
    } catch (e) {
      setError(
        fieldErrorsOr(form, e, '保存失败，请重试', (f) =>
          ['orgId', 'name', 'address', 'areaM2', 'standardizedOn', 'note'].includes(f) ? [f] : null,
        ),
      );
    }
  };
  const s = props.site;
  return (
    <FormDrawer
      title={s ? '编辑党建阵地' : '登记党建阵地'}
      open
      onClose={props.onClose}
      onSave={() => form.submit()}
      saving={save.isPending}
      size={520}
      testId="site-drawer"
      saveTestId="site-save"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        name="site"
        onFinish={(v) => void submit(v)}
        initialValues={
          s
            ? {
                name: s.name,
                address: s.address ?? undefined,
                areaM2: s.areaM2,
                standardizedOn: s.standardizedOn ? dayjs(s.standardizedOn) : null,
                note: s.note ?? undefined,
              }
            : {}
        }
      >
        {!s && (
          <Form.Item name="orgId" label="党支部" rules={[{ required: true, message: '请选择党支部' }]}>
            <Select
              data-testid="site-org"
              showSearch={{ optionFilterProp: 'label' }}
              options={branches.map((b) => ({ value: b.id, label: b.name }))}
              placeholder="选择党支部"
            />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label="阵地名称"
          rules={[{ required: true, whitespace: true, message: '请填写阵地名称' }, maxChars('阵地名称', L.siteName)]}
        >
          <Input maxLength={L.siteName} placeholder="如：东关村党群服务中心" />
        </Form.Item>
        <Form.Item name="address" label="地址" rules={[maxChars('地址', L.address)]}>
          <Input maxLength={L.address} />
        </Form.Item>
        <Form.Item name="areaM2" label="面积（平方米）">
          <InputNumber min={1} max={1_000_000} precision={0} />
        </Form.Item>
        <Form.Item name="standardizedOn" label="标准化建成日期（未达标不填）">
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="note" label="备注" rules={[maxChars('备注', L.note)]}>
          <Input.TextArea rows={2} maxLength={L.note} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

interface InvestValues {
  on: Dayjs;
  yuan: number;
  purpose: string;
}

function InvestmentModal(props: { site: SiteView; onClose(): void; onSaved(): void }) {
  const [form] = Form.useForm<InvestValues>();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({ mutationFn: (b: CreateSiteInvestmentRequest) => addInvestment(props.site.id, b) });
  const submit = async (v: InvestValues) => {
    setError(null);
    try {
      await save.mutateAsync({ on: v.on.format('YYYY-MM-DD'), amountCents: Math.round(v.yuan * 100), purpose: v.purpose.trim() });
      props.onSaved();
    } catch (e) {
      setError(
        fieldErrorsOr(form, e, '保存失败，请重试', (f) => (f === 'amountCents' ? ['yuan'] : ['on', 'purpose'].includes(f) ? [f] : null)),
      );
    }
  };
  return (
    <Modal
      title={`登记投入：${props.site.name}`}
      open
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText="保存"
      cancelText="取消"
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" name="investment" onFinish={(v) => void submit(v)} initialValues={{ on: dayjs() }}>
        <Form.Item name="on" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="yuan" label="金额（元）" rules={[{ required: true, message: '请填写金额' }]}>
          <InputNumber min={0.01} max={20_000_000} precision={2} style={{ width: 200 }} data-testid="investment-yuan" />
        </Form.Item>
        <Form.Item
          name="purpose"
          label="用途"
          rules={[{ required: true, whitespace: true, message: '请填写用途' }, maxChars('用途', L.investmentPurpose)]}
        >
          <Input maxLength={L.investmentPurpose} placeholder="如：党员活动室改造" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
