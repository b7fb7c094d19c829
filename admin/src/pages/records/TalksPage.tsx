/** 谈心谈话: one row per person talked with (人次); 登记谈话 takes several people at once. */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { RECORD_LIMITS as L, type CreateTalkRequest, type TalkView } from '@djzy/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Form, Input, Popconfirm, Select, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { fieldErrorsOr } from '../../api/formErrors';
import { createTalks, deleteTalk, useTalks } from '../../api/records';
import { FormDrawer } from '../../components/FormDrawer';
import { maxChars } from '../../components/formRules';
import { MemberMultiSelect } from '../../components/MemberMultiSelect';
import { MemberSearchSelect } from '../../components/MemberSearchSelect';
import { ImportButton, RecordToolbar, useRecordScope } from './common';

export function TalksPage() {
  const s = useRecordScope();
  const queryClient = useQueryClient();
  const list = useTalks(s.scope);
  const [adding, setAdding] = useState(0);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['talks'] });
  const remove = useMutation({ mutationFn: deleteTalk, onSuccess: refresh });
  const columns: ColumnsType<TalkView> = [
    { title: '日期', dataIndex: 'on', width: 110 },
    { title: '谈话人', dataIndex: 'talkerName', width: 120 },
    { title: '谈话对象', dataIndex: 'withName', width: 140 },
    { title: '谈话内容', dataIndex: 'topic', ellipsis: true },
    { title: '组织', dataIndex: 'orgName', width: 140, ellipsis: true },
    {
      title: '操作',
      key: 'op',
      width: 80,
      render: (_, t) => (
        <Popconfirm title="删除这条误登记的谈话记录？" okText="删除" cancelText="取消" onConfirm={() => remove.mutate(t.id)}>
          <Button type="link" danger size="small" icon={<DeleteOutlined />} />
        </Popconfirm>
      ),
    },
  ];
  return (
    <Card
      size="small"
      title="谈心谈话"
      extra={
        <Space>
          <ImportButton kind="talks" orgId={s.orgId} onImported={refresh} />
          <Button type="primary" icon={<PlusOutlined />} disabled={!s.orgId} onClick={() => setAdding((n) => n + 1)} data-testid="talk-new">
            登记谈话
          </Button>
        </Space>
      }
    >
      <RecordToolbar scope={s} prefix="talks">
        <span data-testid="talks-summary">共 {list.data?.length ?? 0} 人次</span>
      </RecordToolbar>
      <Table<TalkView>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.isFetching}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '暂无谈心谈话记录' }}
        data-testid="talks-table"
      />
      {adding > 0 && s.orgId && (
        <TalkDrawer key={adding} orgId={s.orgId} onClose={() => setAdding(0)} onSaved={() => (setAdding(0), refresh())} />
      )}
    </Card>
  );
}

interface Values {
  talkerMemberId?: string;
  talkerName?: string;
  on: Dayjs;
  topic: string;
  members?: string[];
  others?: string[];
}

function TalkDrawer(props: { orgId: string; onClose(): void; onSaved(): void }) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({ mutationFn: (b: CreateTalkRequest) => createTalks(b) });
  const submit = async (v: Values) => {
    setError(null);
    const withWhom = [
      ...(v.members ?? []).map((memberId) => ({ memberId })),
      ...(v.others ?? [])
        .map((n) => n.trim())
        .filter(Boolean)
        .map((name) => ({ name })),
    ];
    if (!withWhom.length) return setError('请选择或填写谈话对象');
    try {
      await save.mutateAsync({
        orgId: props.orgId,
        talkerMemberId: v.talkerMemberId || undefined,
        talkerName: v.talkerMemberId ? undefined : v.talkerName?.trim() || undefined,
        on: v.on.format('YYYY-MM-DD'),
        topic: v.topic.trim(),
        with: withWhom,
      });
      props.onSaved();
    } catch (e) {
      setError(
        fieldErrorsOr(form, e, '保存失败，请重试', (f) => (['talkerName', 'talkerMemberId', 'on', 'topic'].includes(f) ? [f] : null)),
      );
    }
  };
  return (
    <FormDrawer
      title="登记谈心谈话"
      open
      onClose={props.onClose}
      onSave={() => form.submit()}
      saving={save.isPending}
      size={560}
      testId="talk-drawer"
      saveTestId="talk-save"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="talk-form-error" />}
      <Form form={form} layout="vertical" name="talk" onFinish={(v) => void submit(v)} initialValues={{ on: dayjs() }}>
        <Form.Item name="on" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="talkerMemberId" label="谈话人（党员名册中选择）">
          <MemberSearchSelect orgId={props.orgId} testId="talk-talker" />
        </Form.Item>
        <Form.Item name="talkerName" label="或填写谈话人姓名" rules={[maxChars('谈话人姓名', L.personName)]}>
          <Input maxLength={L.personName} />
        </Form.Item>
        <Form.Item name="members" label="谈话对象（党员，可多选，每人计一人次）">
          <MemberMultiSelect orgId={props.orgId} testId="talk-members" />
        </Form.Item>
        <Form.Item name="others" label="其他谈话对象（不在名册中的，输入姓名后回车）">
          <Select mode="tags" open={false} tokenSeparators={['、', '，', ',']} placeholder="如：村委会主任 赵*" />
        </Form.Item>
        <Form.Item
          name="topic"
          label="谈话内容"
          rules={[{ required: true, whitespace: true, message: '请填写谈话内容' }, maxChars('谈话内容', L.topic)]}
        >
          <Input.TextArea rows={3} maxLength={L.topic} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
