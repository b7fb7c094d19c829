/**
 * The forms of 为群众办实事: 登记办实事 (org, what, for whom, source, responsible member, promised
 * day), a move that needs words (办结 with its result, 回访 with satisfied and a note, 不予办理 with
 * the reason), and 转为办实事 from a service request or a feedback (responsible member and day).
 */
import {
  ApiError,
  DEED_CATEGORIES,
  DEED_SOURCE_LABELS,
  LIMITS,
  toLocalDate,
  type DeedFromSourceRequest,
  type DeedSource,
  type DeedView,
  type OrgNode,
} from '@djzy/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, AutoComplete, DatePicker, Form, Input, Modal, Radio, Select, Typography, type ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { fieldErrorsOr, onlyFields, placeFieldErrors } from '../../api/formErrors';
import { createDeed, moveDeed, serviceKeys, type DeedAction } from '../../api/service';
import { maxChars } from '../../components/formRules';
import { MemberSearchSelect } from '../../components/MemberSearchSelect';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { deedErrorText, disabledBefore } from './labels';

const today = () => dayjs(toLocalDate(new Date()));

interface DeedValues {
  orgId?: string;
  title: string;
  category: string;
  requester: string;
  source: DeedSource;
  responsibleMemberId?: string;
  promisedBy?: Dayjs;
}
const DEED_FIELDS = ['orgId', 'title', 'category', 'requester', 'source', 'responsibleMemberId', 'promisedBy'];

function OrgField(props: { orgs: OrgNode[]; value?: string; onChange?(v: string): void }) {
  return (
    <OrgTreeSelect orgs={props.orgs} value={props.value ?? null} onChange={(v) => props.onChange?.(v)} width={472} testId="deed-org" />
  );
}

/** 登记办实事. */
export function DeedFormModal(props: { orgs: OrgNode[]; onClose(): void; onCreated(d: DeedView): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<DeedValues>();
  const orgId = Form.useWatch('orgId', form);
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: createDeed,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: serviceKeys.deeds }),
  });
  const run = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setError(null);
    try {
      const d = await create.mutateAsync({
        orgId: v.orgId!,
        title: v.title.trim(),
        category: v.category.trim(),
        requester: v.requester.trim(),
        source: v.source,
        responsibleMemberId: v.responsibleMemberId!,
        promisedBy: v.promisedBy!.format('YYYY-MM-DD'),
      });
      message.success('已登记');
      props.onCreated(d);
    } catch (e) {
      setError(fieldErrorsOr(form, e, '登记失败，请重试', onlyFields(DEED_FIELDS)));
    }
  };
  return (
    <Modal
      open
      title="登记办实事"
      okText="登记"
      cancelText="取消"
      width={560}
      confirmLoading={create.isPending}
      onOk={() => void run()}
      onCancel={props.onClose}
      okButtonProps={{ 'data-testid': 'deed-form-save' } as ButtonProps}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="deed-form-error" />}
      <Form form={form} layout="vertical" name="deed" initialValues={{ source: 'plan', category: '基础设施' }}>
        <Form.Item name="orgId" label="所在组织（村）" rules={[{ required: true, message: '请选择组织' }]}>
          <OrgField orgs={props.orgs} />
        </Form.Item>
        <Form.Item
          name="title"
          label="事项"
          rules={[{ required: true, whitespace: true, message: '请填写事项' }, maxChars('事项', LIMITS.deedTitle)]}
        >
          <Input maxLength={LIMITS.deedTitle} placeholder="如：硬化村内巷道 300 米" data-testid="deed-title" />
        </Form.Item>
        <Form.Item
          name="category"
          label="类别"
          rules={[{ required: true, whitespace: true, message: '请填写类别' }, maxChars('类别', LIMITS.deedCategory)]}
        >
          <AutoComplete options={DEED_CATEGORIES.map((c) => ({ value: c }))} maxLength={LIMITS.deedCategory} />
        </Form.Item>
        <Form.Item
          name="requester"
          label="服务对象"
          extra="填写姓名时保存为 张*明 的形式"
          rules={[{ required: true, whitespace: true, message: '请填写服务对象' }, maxChars('服务对象', LIMITS.deedRequester)]}
        >
          <Input maxLength={LIMITS.deedRequester} placeholder="如：张三明，或 东关村三组村民" data-testid="deed-requester" />
        </Form.Item>
        <Form.Item name="source" label="来源" rules={[{ required: true, message: '请选择来源' }]}>
          <Select
            data-testid="deed-source"
            options={(['plan', 'liaison', 'service_request', 'feedback'] as const).map((s) => ({ value: s, label: DEED_SOURCE_LABELS[s] }))}
          />
        </Form.Item>
        <Form.Item name="responsibleMemberId" label="责任人" rules={[{ required: true, message: '请选择责任人' }]}>
          <MemberSearchSelect
            id="deed_responsibleMemberId"
            orgId={orgId ?? null}
            placeholder="先选组织，再输入姓名搜索"
            testId="deed-member-select"
          />
        </Form.Item>
        <Form.Item name="promisedBy" label="承诺办结日期" rules={[{ required: true, message: '请选择承诺办结日期' }]}>
          <DatePicker disabledDate={disabledBefore(today())} style={{ width: 200 }} data-testid="deed-promised" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface MoveValues {
  result?: string;
  satisfied?: boolean;
  note?: string;
  reason?: string;
}
const TITLES = { done: '办结', confirm: '回访', decline: '不予办理' } as const;

/** A move that needs words: 办结 (result), 回访 (satisfied, note), 不予办理 (reason). */
export function DeedMoveModal(props: { deed: DeedView; move: 'done' | 'confirm' | 'decline'; onClose(): void }) {
  const { deed, move } = props;
  const { message } = App.useApp();
  const [form] = Form.useForm<MoveValues>();
  const [error, setError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const send = useMutation({
    mutationFn: (a: DeedAction) => moveDeed(deed.id, a),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: serviceKeys.deeds }),
  });
  const run = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setError(null);
    const action: DeedAction =
      move === 'done'
        ? { move, body: { result: v.result!.trim() } }
        : move === 'confirm'
          ? { move, body: { satisfied: !!v.satisfied, ...(v.note?.trim() ? { note: v.note.trim() } : {}) } }
          : { move, body: { reason: v.reason!.trim() } };
    try {
      await send.mutateAsync(action);
      message.success(move === 'done' ? '已办结' : move === 'confirm' ? '回访已记录' : '已记录不予办理');
      props.onClose();
    } catch (e) {
      if (e instanceof ApiError && e.fieldErrors.length) {
        placeFieldErrors(form, e.fieldErrors, onlyFields(['result', 'satisfied', 'note', 'reason']));
        setError(e.fieldErrors.some((f) => !['result', 'satisfied', 'note', 'reason'].includes(f.field)) ? e.message : null);
      } else setError(deedErrorText(e, '操作失败，请重试'));
    }
  };
  return (
    <Modal
      open
      title={TITLES[move]}
      okText="确定"
      cancelText="取消"
      okButtonProps={{ danger: move === 'decline', 'data-testid': 'deed-move-ok' } as ButtonProps}
      confirmLoading={send.isPending}
      onOk={() => void run()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }}>
        {deed.orgName}：{deed.title}（{deed.requester}）
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="deed-move-error" />}
      <Form form={form} layout="vertical" name="deedMove" initialValues={{ satisfied: true }}>
        {move === 'done' && (
          <Form.Item
            name="result"
            label="办理结果"
            rules={[{ required: true, whitespace: true, message: '请填写办理结果' }, maxChars('办理结果', LIMITS.deedResult)]}
          >
            <Input.TextArea
              rows={4}
              maxLength={LIMITS.deedResult}
              showCount
              placeholder="如：铺设水泥路面 300 米，已通车"
              data-testid="deed-result"
            />
          </Form.Item>
        )}
        {move === 'confirm' && (
          <>
            <Form.Item name="satisfied" label="群众是否满意" rules={[{ required: true, message: '请选择' }]}>
              <Radio.Group
                data-testid="deed-satisfied"
                options={[
                  { value: true, label: '满意' },
                  { value: false, label: '不满意' },
                ]}
              />
            </Form.Item>
            <Form.Item name="note" label="回访情况" rules={[maxChars('回访情况', LIMITS.deedNote)]}>
              <Input.TextArea
                rows={3}
                maxLength={LIMITS.deedNote}
                showCount
                placeholder="如：电话回访，群众表示满意"
                data-testid="deed-note"
              />
            </Form.Item>
          </>
        )}
        {move === 'decline' && (
          <Form.Item
            name="reason"
            label="不予办理的理由"
            rules={[{ required: true, whitespace: true, message: '请填写理由' }, maxChars('理由', LIMITS.deedReason)]}
          >
            <Input.TextArea rows={3} maxLength={LIMITS.deedReason} showCount data-testid="deed-reason" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

interface FromValues {
  responsibleMemberId?: string;
  promisedBy?: Dayjs;
  title?: string;
}

/** 转为办实事: from a service request or a feedback — who answers for it and by when. */
export function ToDeedModal(props: {
  title: string;
  orgId: string;
  defaultTitle: string;
  send(body: DeedFromSourceRequest): Promise<DeedView>;
  onClose(): void;
  onDone(d: DeedView): void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FromValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setError(null);
    setBusy(true);
    try {
      const d = await props.send({
        responsibleMemberId: v.responsibleMemberId!,
        promisedBy: v.promisedBy!.format('YYYY-MM-DD'),
        ...(v.title?.trim() ? { title: v.title.trim() } : {}),
      });
      message.success('已转为办实事');
      props.onDone(d);
    } catch (e) {
      setError(fieldErrorsOr(form, e, '操作失败，请重试', onlyFields(['responsibleMemberId', 'promisedBy', 'title'])) ?? null);
      if (e instanceof ApiError && !e.fieldErrors.length) setError(deedErrorText(e, '操作失败，请重试'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={props.title}
      okText="转为办实事"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void run()}
      onCancel={props.onClose}
      okButtonProps={{ 'data-testid': 'to-deed-ok' } as ButtonProps}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="to-deed-error" />}
      <Form form={form} layout="vertical" name="toDeed" initialValues={{ title: props.defaultTitle.slice(0, LIMITS.deedTitle) }}>
        <Form.Item name="title" label="事项" rules={[maxChars('事项', LIMITS.deedTitle)]}>
          <Input maxLength={LIMITS.deedTitle} />
        </Form.Item>
        <Form.Item name="responsibleMemberId" label="责任人" rules={[{ required: true, message: '请选择责任人' }]}>
          <MemberSearchSelect id="toDeed_responsibleMemberId" orgId={props.orgId} placeholder="输入姓名搜索" testId="to-deed-member" />
        </Form.Item>
        <Form.Item name="promisedBy" label="承诺办结日期" rules={[{ required: true, message: '请选择承诺办结日期' }]}>
          <DatePicker disabledDate={disabledBefore(today())} style={{ width: 200 }} data-testid="to-deed-promised" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
