/** 积分规则: the county-wide rules (points, daily and yearly caps, on/off), edited in a modal. */
import { EditOutlined } from '@ant-design/icons';
import { type PointsRuleView, type UpdatePointsRuleRequest } from '@djzy/shared';
import { Alert, App, Button, Card, Form, InputNumber, Modal, Switch, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { formErrorText } from '../../api/formErrors';
import { pointsKeys, updateRule, useRules } from '../../api/points';

const capText = (v: number | null) => (v == null ? '不限' : String(v));

/** The rules screen. */
export function RulesPage() {
  const rules = useRules();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<PointsRuleView | null>(null);

  const editable = (rules.data ?? []).some((r) => r.canEdit);
  const columns: ColumnsType<PointsRuleView> = [
    { title: '名称', dataIndex: 'name', width: 200 },
    {
      title: '分值',
      dataIndex: 'points',
      width: 80,
      render: (v: number) => <span data-testid="rule-points">{v > 0 ? `+${v}` : v}</span>,
    },
    { title: '每日上限', dataIndex: 'dailyCap', width: 100, render: capText },
    { title: '年度上限', dataIndex: 'yearlyCap', width: 100, render: capText },
    {
      title: '启用',
      dataIndex: 'enabled',
      width: 80,
      render: (v: boolean) => (v ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>),
    },
    { title: '修改时间', dataIndex: 'updatedAt', width: 150, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
    {
      title: '操作',
      key: 'actions',
      width: 80,
      // Only who may change the rules sees 修改 (the server says who: a county admin).
      render: (_: unknown, r) =>
        r.canEdit ? (
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(r)}>
            修改
          </Button>
        ) : null,
    },
  ];

  return (
    <Card size="small" title="积分规则">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="积分规则全县统一，由县级管理员设置。修改只对此后新产生的积分生效，已记入的积分不变；需要更正已记入的积分，请在积分排名中对该党员进行冲正或调整。"
      />
      <Table<PointsRuleView>
        rowKey="code"
        size="middle"
        columns={editable ? columns : columns.filter((c) => c.key !== 'actions')}
        dataSource={rules.data ?? []}
        loading={rules.isFetching}
        pagination={false}
      />
      <RuleModal
        rule={editing}
        onClose={() => setEditing(null)}
        onSaved={() => (setEditing(null), void queryClient.invalidateQueries({ queryKey: pointsKeys.rules }))}
      />
    </Card>
  );
}

interface RuleForm {
  points: number;
  dailyCap: number | null;
  yearlyCap: number | null;
  enabled: boolean;
}

function RuleModal(props: { rule: PointsRuleView | null; onClose(): void; onSaved(): void }) {
  const { rule } = props;
  const { message } = App.useApp();
  const [form] = Form.useForm<RuleForm>();
  const update = useMutation({ mutationFn: (body: UpdatePointsRuleRequest) => updateRule(rule!.code, body) });
  const [error, setError] = useState<string | null>(null);

  useEffect(() => setError(null), [rule]);

  const save = async () => {
    if (!rule) return;
    const v = await form.validateFields();
    const body: UpdatePointsRuleRequest = {
      points: v.points,
      dailyCap: v.dailyCap ?? null,
      yearlyCap: v.yearlyCap ?? null,
      enabled: v.enabled,
    };
    setError(null);
    try {
      const saved = await update.mutateAsync(body);
      message.success(`已保存「${saved.name}」`);
      props.onSaved();
    } catch (e) {
      setError(formErrorText(form, e, '保存失败，请重试'));
    }
  };

  return (
    <Modal
      open={!!rule}
      title={rule ? `修改积分规则：${rule.name}` : ''}
      okText="保存"
      onOk={() => void save()}
      confirmLoading={update.isPending}
      onCancel={props.onClose}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="rule-error" />}
      <Form
        key={rule?.code}
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          rule ? { points: rule.points, dailyCap: rule.dailyCap, yearlyCap: rule.yearlyCap, enabled: rule.enabled } : undefined
        }
      >
        <Form.Item name="points" label="分值" rules={[{ required: true, message: '请填写分值' }]} extra="负数表示扣分，范围 -100 到 100">
          <InputNumber id="rule-points" min={-100} max={100} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="dailyCap" label="每日上限" extra="留空表示不设上限（扣分规则按绝对值计）">
          <InputNumber id="rule-daily-cap" min={1} max={100000} precision={0} style={{ width: 160 }} placeholder="不限" />
        </Form.Item>
        <Form.Item
          name="yearlyCap"
          label="年度上限"
          dependencies={['dailyCap']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_r, value: number | null) => {
                const daily = getFieldValue('dailyCap') as number | null;
                return daily != null && value != null && daily > value
                  ? Promise.reject(new Error('每日上限不能大于年度上限'))
                  : Promise.resolve();
              },
            }),
          ]}
        >
          <InputNumber id="rule-yearly-cap" min={1} max={100000} precision={0} style={{ width: 160 }} placeholder="不限" />
        </Form.Item>
        <Form.Item name="enabled" label="启用" valuePropName="checked">
          <Switch id="rule-enabled" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
