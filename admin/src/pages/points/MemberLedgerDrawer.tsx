/**
 * A member's points ledger for the chosen period: every entry with its rule, source, reason and
 * date; 冲正 appends a reversal (entries are never edited); 积分调整 adds an admin's correction.
 */
import {
  ADJUSTMENT_MAX_ABS,
  type AdjustmentRequest,
  ApiError,
  LIMITS,
  periodLabel,
  POINTS_SOURCE_LABELS,
  type PointsEntryView,
} from '@djzy/shared';
import { maxChars } from '../../components/formRules';
import { Alert, App, Button, Card, Drawer, Form, Input, InputNumber, Modal, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { formErrorText } from '../../api/formErrors';
import { newIdempotencyKey, outcomeUnknown } from '../../api/client';
import { adjustPoints, pointsKeys, reverseEntry, useMemberLedger } from '../../api/points';

/** The member whose ledger is open. */
export interface LedgerMember {
  memberId: string;
  name: string;
  orgName: string;
}

/** Props of MemberLedgerDrawer. */
export interface MemberLedgerDrawerProps {
  member: LedgerMember | null;
  period: string;
  /** Adjust and reverse (admins in scope); others only read. */
  canEdit: boolean;
  onClose(): void;
}

/** The ledger drawer. */
export function MemberLedgerDrawer({ member, period, canEdit, onClose }: MemberLedgerDrawerProps) {
  const [reversing, setReversing] = useState<PointsEntryView | null>(null);
  const queryClient = useQueryClient();
  const ledgerQuery = useMemberLedger(member?.memberId ?? null, period);
  const ledger = ledgerQuery.data ?? null;
  const loading = ledgerQuery.isFetching;

  // The ledger, the ranking and the distribution all move with an adjustment or a reversal.
  const changed = () => void queryClient.invalidateQueries({ queryKey: pointsKeys.all });

  const columns: ColumnsType<PointsEntryView> = [
    { title: '日期', dataIndex: 'effectiveDate', width: 100 },
    {
      title: '分值',
      dataIndex: 'delta',
      width: 70,
      render: (d: number) => <Typography.Text type={d < 0 ? 'danger' : 'success'}>{d > 0 ? `+${d}` : d}</Typography.Text>,
    },
    { title: '规则', dataIndex: 'ruleName', width: 120 },
    {
      title: '来源',
      dataIndex: 'sourceType',
      width: 100,
      render: (s: string) => POINTS_SOURCE_LABELS[s as keyof typeof POINTS_SOURCE_LABELS] ?? s,
    },
    { title: '原因', dataIndex: 'reason', ellipsis: true },
    { title: '记录时间', dataIndex: 'createdAt', width: 140, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
    {
      title: '状态',
      key: 'state',
      width: 90,
      render: (_: unknown, e) =>
        e.reversedBy ? (
          <Tag color="default" data-testid="entry-reversed">
            已冲正
          </Tag>
        ) : e.reversalOf ? (
          <Tag color="orange">冲正记录</Tag>
        ) : canEdit ? (
          <Button size="small" danger onClick={() => setReversing(e)} data-testid="entry-reverse">
            冲正
          </Button>
        ) : null,
    },
  ];

  return (
    <Drawer
      open={!!member}
      onClose={onClose}
      size={860}
      title={member ? `${member.name}（${member.orgName}）的积分明细` : ''}
      destroyOnHidden
      data-testid="ledger-drawer"
    >
      <Space align="start" size={24} style={{ marginBottom: 16, display: 'flex' }} wrap>
        <Statistic
          title={`${periodLabel(period)}积分`}
          value={ledger?.balance ?? '—'}
          loading={loading && !ledger}
          styles={{ content: { fontSize: 28 } }}
          data-testid="ledger-balance"
          data-value={ledger ? String(ledger.balance) : ''}
        />
        {canEdit && member && <AdjustmentForm memberId={member.memberId} onDone={changed} />}
      </Space>
      <Table<PointsEntryView>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={ledger?.entries ?? []}
        loading={loading}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="ledger-entries"
        locale={{ emptyText: '本周期没有积分记录' }}
      />
      <ReverseModal entry={reversing} onClose={() => setReversing(null)} onDone={() => (setReversing(null), changed())} />
    </Drawer>
  );
}

interface AdjustmentValues {
  delta: number | null;
  reason: string;
}

/**
 * 积分调整: delta and a reason, both required. One Idempotency-Key per submission; a retry of the
 * same submission after a lost answer sends the same key, so the points are added once.
 */
function AdjustmentForm(props: { memberId: string; onDone(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<AdjustmentValues>();
  const adjust = useMutation({ mutationFn: (a: { body: AdjustmentRequest; key: string }) => adjustPoints(a.body, a.key) });
  const [error, setError] = useState<string | null>(null);
  const pending = useRef<{ key: string; body: string } | null>(null);

  const submit = async (v: AdjustmentValues) => {
    const body = { memberId: props.memberId, delta: Number(v.delta), reason: v.reason.trim() };
    const signature = JSON.stringify(body);
    if (!pending.current || pending.current.body !== signature) pending.current = { key: newIdempotencyKey('adj'), body: signature };
    setError(null);
    try {
      const res = await adjust.mutateAsync({ body, key: pending.current.key });
      pending.current = null;
      form.resetFields();
      message.success(`已调整 ${res.entry.delta > 0 ? '+' : ''}${res.entry.delta} 分，本年度积分 ${res.balance}`);
      props.onDone();
    } catch (e) {
      if (!outcomeUnknown(e)) pending.current = null;
      const text = formErrorText(form, e, '提交失败，请重试', (f) => (f === 'delta' || f === 'reason' ? [f] : null));
      setError(outcomeUnknown(e) ? `${text}（可直接再次提交，不会重复记分）` : text);
    }
  };

  return (
    <Card size="small" title="积分调整" style={{ flex: 1, minWidth: 420 }} data-testid="adjustment-form">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} data-testid="adjustment-error" />}
      <Form<AdjustmentValues> form={form} layout="inline" onFinish={(v) => void submit(v)} style={{ rowGap: 8 }}>
        <Form.Item
          name="delta"
          rules={[
            { required: true, message: '请填写调整分值' },
            { validator: (_r, v: number | null) => (v === 0 ? Promise.reject(new Error('调整分值不能为 0')) : Promise.resolve()) },
          ]}
        >
          <InputNumber
            id="adjust-delta"
            placeholder="分值，如 5 或 -3"
            min={-ADJUSTMENT_MAX_ABS}
            max={ADJUSTMENT_MAX_ABS}
            precision={0}
            style={{ width: 150 }}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          rules={[{ required: true, whitespace: true, message: '请填写调整原因' }, maxChars('调整原因', LIMITS.adjustmentReason)]}
        >
          <Input id="adjust-reason" placeholder="调整原因（必填）" style={{ width: 260 }} maxLength={LIMITS.adjustmentReason} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={adjust.isPending}>
            提交调整
          </Button>
        </Form.Item>
      </Form>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        调整记入当日，原因会写入积分明细和审计日志。
      </Typography.Text>
    </Card>
  );
}

/** 冲正: asks for a reason, then appends the reversal entry. */
function ReverseModal(props: { entry: PointsEntryView | null; onClose(): void; onDone(): void }) {
  const { entry } = props;
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const reverse = useMutation({ mutationFn: (a: { id: string; reason: string }) => reverseEntry(a.id, a.reason) });
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setReason('');
    setError(null);
  }, [entry]);

  const run = async () => {
    if (!entry) return;
    if (!reason.trim()) {
      setError('请填写冲正原因');
      return;
    }
    setError(null);
    try {
      await reverse.mutateAsync({ id: entry.id, reason: reason.trim() });
      message.success('已冲正');
      props.onDone();
    } catch (e) {
      // Reversed meanwhile (another tab, a retry whose answer was lost): show it and refresh.
      if (e instanceof ApiError && e.code === 'ALREADY_REVERSED') {
        message.warning(e.message);
        props.onDone();
        return;
      }
      setError(e instanceof ApiError ? e.message : '冲正失败，请重试');
    }
  };

  return (
    <Modal
      open={!!entry}
      title="冲正积分记录"
      okText="确认冲正"
      okButtonProps={{ danger: true }}
      confirmLoading={reverse.isPending}
      onOk={() => void run()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      {entry && (
        <Typography.Paragraph>
          将为 {entry.effectiveDate} 的「{entry.ruleName}」{entry.delta > 0 ? `+${entry.delta}` : entry.delta}{' '}
          分记一笔相反的冲正记录，原记录保留。
          <br />
          原因：{entry.reason}
        </Typography.Paragraph>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} data-testid="reverse-error" />}
      <Input.TextArea
        id="reverse-reason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder="冲正原因（必填）"
        maxLength={LIMITS.reversalReason}
        showCount
        rows={3}
      />
    </Modal>
  );
}
