/** 选树表彰: the orgs and members commended in a year, 登记表彰, and the Excel import. */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  COMMENDATION_SUBJECT_LABELS,
  COMMENDATION_SUBJECTS,
  RECORD_LIMITS as L,
  type CommendationSubject,
  type CommendationView,
  type CreateCommendationRequest,
} from '@djzy/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Form, Input, Popconfirm, Radio, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { fieldErrorsOr } from '../../api/formErrors';
import { createCommendation, deleteCommendation, useCommendations } from '../../api/records';
import { FormDrawer } from '../../components/FormDrawer';
import { maxChars } from '../../components/formRules';
import { MemberSearchSelect } from '../../components/MemberSearchSelect';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { ImportButton, RecordToolbar, useRecordScope } from './common';
import type { OrgNode } from '@djzy/shared';

export function CommendationsPage() {
  const s = useRecordScope();
  const queryClient = useQueryClient();
  const list = useCommendations(s.scope);
  const [adding, setAdding] = useState(0);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['commendations'] });
  const remove = useMutation({ mutationFn: deleteCommendation, onSuccess: refresh });
  const data = list.data ?? [];
  const columns: ColumnsType<CommendationView> = [
    { title: '表彰日期', dataIndex: 'on', width: 110 },
    { title: '表彰名称', dataIndex: 'title', width: 160 },
    { title: '对象', dataIndex: 'subjectKind', width: 110, render: (k: CommendationSubject) => COMMENDATION_SUBJECT_LABELS[k] },
    { title: '受表彰', key: 'who', render: (_, c) => (c.memberName ? `${c.memberName}（${c.orgName}）` : c.orgName) },
    { title: '表彰单位', dataIndex: 'issuerOrgName', width: 140 },
    {
      title: '操作',
      key: 'op',
      width: 80,
      render: (_, c) => (
        <Popconfirm title="删除这条误登记的表彰？" okText="删除" cancelText="取消" onConfirm={() => remove.mutate(c.id)}>
          <Button type="link" danger size="small" icon={<DeleteOutlined />} />
        </Popconfirm>
      ),
    },
  ];
  return (
    <Card
      size="small"
      title="选树表彰"
      extra={
        <Space>
          <ImportButton kind="commendations" orgId={s.orgId} onImported={refresh} />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={!s.orgId}
            onClick={() => setAdding((n) => n + 1)}
            data-testid="commendation-new"
          >
            登记表彰
          </Button>
        </Space>
      }
    >
      <RecordToolbar scope={s} prefix="commendations">
        <span data-testid="commendations-summary">
          基层党组织 {data.filter((c) => c.subjectKind === 'org').length} 个，党员 {data.filter((c) => c.subjectKind === 'member').length}{' '}
          名
        </span>
      </RecordToolbar>
      <Table<CommendationView>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data}
        loading={list.isFetching}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '暂无表彰记录' }}
        data-testid="commendations-table"
      />
      {adding > 0 && s.orgId && s.orgs && (
        <CommendationDrawer
          key={adding}
          orgs={s.orgs}
          issuerOrgId={s.orgId}
          year={s.year}
          onClose={() => setAdding(0)}
          onSaved={() => (setAdding(0), refresh())}
        />
      )}
    </Card>
  );
}

interface Values {
  on: Dayjs;
  title: string;
  subjectKind: CommendationSubject;
  orgId?: string;
  memberId?: string;
  note?: string;
}

function CommendationDrawer(props: { orgs: OrgNode[]; issuerOrgId: string; year: number; onClose(): void; onSaved(): void }) {
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('subjectKind', form);
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({ mutationFn: (b: CreateCommendationRequest) => createCommendation(b) });
  const submit = async (v: Values) => {
    setError(null);
    try {
      await save.mutateAsync({
        year: props.year,
        on: v.on.format('YYYY-MM-DD'),
        title: v.title.trim(),
        issuerOrgId: props.issuerOrgId,
        subjectKind: v.subjectKind,
        orgId: v.subjectKind === 'org' ? v.orgId : undefined,
        memberId: v.subjectKind === 'member' ? v.memberId : undefined,
        note: v.note?.trim() || undefined,
      });
      props.onSaved();
    } catch (e) {
      setError(fieldErrorsOr(form, e, '保存失败，请重试', (f) => (['on', 'title', 'orgId', 'memberId', 'note'].includes(f) ? [f] : null)));
    }
  };
  const today = dayjs();
  const initialOn = today.year() === props.year ? today : dayjs(`${props.year}-12-31`);
  return (
    <FormDrawer
      title={`登记表彰（${props.year} 年度）`}
      open
      onClose={props.onClose}
      onSave={() => form.submit()}
      saving={save.isPending}
      size={560}
      testId="commendation-drawer"
      saveTestId="commendation-save"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        name="commendation"
        onFinish={(v) => void submit(v)}
        initialValues={{ on: initialOn, subjectKind: 'member', title: '优秀共产党员' }}
      >
        <Form.Item
          name="title"
          label="表彰名称"
          rules={[{ required: true, whitespace: true, message: '请填写表彰名称' }, maxChars('表彰名称', L.commendationTitle)]}
        >
          <Input maxLength={L.commendationTitle} />
        </Form.Item>
        <Form.Item name="on" label="表彰日期" rules={[{ required: true, message: '请选择表彰日期' }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="subjectKind" label="表彰对象">
          <Radio.Group options={COMMENDATION_SUBJECTS.map((k) => ({ value: k, label: COMMENDATION_SUBJECT_LABELS[k] }))} />
        </Form.Item>
        {kind === 'org' ? (
          <Form.Item name="orgId" label="受表彰组织" rules={[{ required: true, message: '请选择受表彰的组织' }]}>
            <OrgTreeSelect
              orgs={props.orgs}
              value={null}
              onChange={(id) => form.setFieldValue('orgId', id)}
              width={400}
              testId="commendation-org"
            />
          </Form.Item>
        ) : (
          <Form.Item name="memberId" label="受表彰党员" rules={[{ required: true, message: '请选择受表彰的党员' }]}>
            <MemberSearchSelect orgId={props.issuerOrgId} testId="commendation-member" />
          </Form.Item>
        )}
        <Form.Item name="note" label="备注" rules={[maxChars('备注', L.note)]}>
          <Input.TextArea rows={2} maxLength={L.note} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
