/**
 * 调研走访: the visits of an org in a year (调研, 走访慰问, 走访党员群众) with the households visited,
 * 登记走访 (visitor from the roster or typed, households with 贫困户 marked), removal of a mistaken
 * entry, and the Excel import.
 */
import { DeleteOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  RECORD_LIMITS as L,
  VISIT_PURPOSE_LABELS,
  VISIT_PURPOSES,
  type CreateVisitRequest,
  type VisitPurpose,
  type VisitView,
} from '@djzy/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, DatePicker, Form, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { fieldErrorsOr, namePath } from '../../api/formErrors';
import { createVisit, deleteVisit, useVisits } from '../../api/records';
import { FormDrawer } from '../../components/FormDrawer';
import { maxChars } from '../../components/formRules';
import { MemberSearchSelect } from '../../components/MemberSearchSelect';
import { ImportButton, RecordToolbar, useRecordScope } from './common';

export function VisitsPage() {
  const s = useRecordScope();
  const queryClient = useQueryClient();
  const list = useVisits(s.scope);
  const [adding, setAdding] = useState(0);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['visits'] });
  const remove = useMutation({ mutationFn: deleteVisit, onSuccess: refresh });
  const data = list.data ?? [];
  const households = new Set(data.flatMap((v) => v.households.map((h) => h.householdKey))).size;

  const columns: ColumnsType<VisitView> = [
    { title: '日期', dataIndex: 'on', width: 110 },
    { title: '类型', dataIndex: 'purpose', width: 120, render: (p: VisitPurpose) => VISIT_PURPOSE_LABELS[p] },
    { title: '走访人', dataIndex: 'visitorName', width: 120 },
    { title: '主题', dataIndex: 'topic', ellipsis: true },
    { title: '组织', dataIndex: 'orgName', width: 140, ellipsis: true },
    {
      title: '走访户',
      key: 'households',
      render: (_, v) =>
        v.households.map((h) => (
          <Tag key={h.id} color={h.poor ? 'red' : undefined}>
            {h.household}
            {h.poor ? '（贫困户）' : ''}
          </Tag>
        )),
    },
    {
      title: '操作',
      key: 'op',
      width: 80,
      render: (_, v) => (
        <Popconfirm title="删除这条误登记的走访记录？" okText="删除" cancelText="取消" onConfirm={() => remove.mutate(v.id)}>
          <Button type="link" danger size="small" icon={<DeleteOutlined />} data-testid={`visit-delete-${v.id}`} />
        </Popconfirm>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title="调研走访"
      extra={
        <Space>
          <ImportButton kind="visits" orgId={s.orgId} onImported={refresh} />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={!s.orgId}
            onClick={() => setAdding((n) => n + 1)}
            data-testid="visit-new"
          >
            登记走访
          </Button>
        </Space>
      }
    >
      <RecordToolbar scope={s} prefix="visits">
        <span data-testid="visits-summary">
          调研 {data.filter((v) => v.purpose === 'research').length} 次，走访 {households} 户（其中贫困户{' '}
          {new Set(data.flatMap((v) => v.households.filter((h) => h.poor).map((h) => h.householdKey))).size} 户）
        </span>
      </RecordToolbar>
      <Table<VisitView>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data}
        loading={list.isFetching}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '暂无调研走访记录' }}
        data-testid="visits-table"
      />
      {adding > 0 && s.orgId && (
        <VisitDrawer key={adding} orgId={s.orgId} onClose={() => setAdding(0)} onSaved={() => (setAdding(0), refresh())} />
      )}
    </Card>
  );
}

interface Values {
  visitorMemberId?: string;
  visitorName?: string;
  on: Dayjs;
  purpose: VisitPurpose;
  topic: string;
  place?: string;
  households: { household?: string; poor?: boolean }[];
}

function VisitDrawer(props: { orgId: string; onClose(): void; onSaved(): void }) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({ mutationFn: (b: CreateVisitRequest) => createVisit(b) });
  const submit = async (v: Values) => {
    setError(null);
    try {
      await save.mutateAsync({
        orgId: props.orgId,
        visitorMemberId: v.visitorMemberId || undefined,
        visitorName: v.visitorMemberId ? undefined : v.visitorName?.trim() || undefined,
        on: v.on.format('YYYY-MM-DD'),
        purpose: v.purpose,
        topic: v.topic.trim(),
        place: v.place?.trim() || undefined,
        households: (v.households ?? [])
          .filter((h) => h.household?.trim())
          .map((h) => ({ household: h.household!.trim(), poor: !!h.poor })),
      });
      props.onSaved();
    } catch (e) {
      setError(fieldErrorsOr(form, e, '保存失败，请重试', (f) => (f === 'orgId' ? null : namePath(f))));
    }
  };
  return (
    <FormDrawer
      title="登记走访"
      open
      onClose={props.onClose}
      onSave={() => form.submit()}
      saving={save.isPending}
      size={600}
      testId="visit-drawer"
      saveTestId="visit-save"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="visit-form-error" />}
      <Form
        form={form}
        layout="vertical"
        name="visit"
        onFinish={(v) => void submit(v)}
        initialValues={{ purpose: 'household', on: dayjs(), households: [] }}
      >
        <Form.Item name="purpose" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
          <Select
            data-testid="visit-purpose"
            style={{ width: 200 }}
            options={VISIT_PURPOSES.map((p) => ({ value: p, label: VISIT_PURPOSE_LABELS[p] }))}
          />
        </Form.Item>
        <Form.Item name="on" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker data-testid="visit-on" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="visitorMemberId" label="走访人（党员名册中选择）">
          <MemberSearchSelect orgId={props.orgId} testId="visit-visitor" />
        </Form.Item>
        <Form.Item name="visitorName" label="或填写走访人姓名" rules={[maxChars('走访人姓名', L.personName)]}>
          <Input maxLength={L.personName} data-testid="visit-visitor-name" placeholder="不在党员名册中的走访人" />
        </Form.Item>
        <Form.Item
          name="topic"
          label="主题"
          rules={[{ required: true, whitespace: true, message: '请填写主题' }, maxChars('主题', L.topic)]}
        >
          <Input maxLength={L.topic} data-testid="visit-topic" placeholder="如：了解春耕生产情况" />
        </Form.Item>
        <Form.Item name="place" label="地点" rules={[maxChars('地点', L.place)]}>
          <Input maxLength={L.place} data-testid="visit-place" />
        </Form.Item>
        <div style={{ fontWeight: 500, marginBottom: 8 }}>走访户</div>
        <Form.List name="households">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'household']} rules={[maxChars('走访户', L.household)]}>
                    <Input
                      maxLength={L.household}
                      placeholder="如：张家湾组 张*明户"
                      style={{ width: 300 }}
                      data-testid={`visit-household-${f.name}`}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'poor']} valuePropName="checked">
                    <Checkbox data-testid={`visit-household-poor-${f.name}`}>贫困户</Checkbox>
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({})} icon={<PlusOutlined />} data-testid="visit-household-add">
                添加走访户
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </FormDrawer>
  );
}
