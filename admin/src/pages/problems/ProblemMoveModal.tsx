/**
 * The assigning org's moves on a problem, each a small form: 交办 (responsible member and a
 * deadline not before today), 延期 (a later deadline and the reason), 复查 (通过销号 or 退回重改,
 * with the opinion) and 作废 (the reason, confirmed). A refused move shows the server's answer:
 * a field error under its input, anything else (409 a state that changed, 403) in the alert.
 */
import { ApiError, LIMITS, toLocalDate, type ProblemView } from '@djzy/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, Modal, Radio, Typography, type ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { placeFieldErrors } from '../../api/formErrors';
import { moveProblem, problemKeys, type ProblemAction } from '../../api/problems';
import { maxChars } from '../../components/formRules';
import { MemberSearchSelect } from '../../components/MemberSearchSelect';
import { moveErrorText } from './labels';

export type ManagerMove = 'assign' | 'extend' | 'recheck' | 'void';

interface Values {
  responsibleMemberId?: string;
  deadline?: Dayjs;
  reason?: string;
  result?: 'pass' | 'fail';
  note?: string;
}

const TITLES: Record<ManagerMove, string> = { assign: '交办整改', extend: '延期', recheck: '复查', void: '作废问题' };
const DONE: Record<ManagerMove, string> = { assign: '已交办', extend: '已延期', recheck: '已复查', void: '已作废' };
/** The server's field names are the form's own. */
const FIELDS = ['responsibleMemberId', 'deadline', 'reason', 'note', 'result'];

/** Days before today cannot be a deadline (nor, for 延期, days up to the current one). */
const disabledBefore = (first: Dayjs) => (d: Dayjs) => d.isBefore(first, 'day');

export function ProblemMoveModal(props: { problem: ProblemView; move: ManagerMove; onClose(): void }) {
  const { problem, move } = props;
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const send = useMutation({
    mutationFn: (action: ProblemAction) => moveProblem(problem.id, action),
    // A refusal may mean the problem moved meanwhile: refresh it either way.
    onSettled: () => void queryClient.invalidateQueries({ queryKey: problemKeys.all }),
  });
  // Today on the township's calendar, as the server judges a deadline (whatever the browser's zone).
  const today = dayjs(toLocalDate(new Date()));
  const current = problem.deadline ? dayjs(problem.deadline).add(1, 'day') : today;
  const firstDay = move === 'extend' && current.isAfter(today) ? current : today;

  const actionOf = (v: Values): ProblemAction => {
    const day = v.deadline?.format('YYYY-MM-DD') ?? '';
    switch (move) {
      case 'assign':
        return { move, body: { responsibleMemberId: v.responsibleMemberId!, deadline: day } };
      case 'extend':
        return { move, body: { deadline: day, reason: v.reason!.trim() } };
      case 'recheck':
        return { move, body: { result: v.result!, note: v.note!.trim() } };
      case 'void':
        return { move, body: { reason: v.reason!.trim() } };
    }
  };

  const run = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setError(null);
    try {
      const next = await send.mutateAsync(actionOf(v));
      message.success(move === 'recheck' ? (next.status === 'closed' ? '复查通过，已销号' : '已退回重改') : DONE[move]);
      props.onClose();
    } catch (e) {
      const rest = e instanceof ApiError ? e.fieldErrors.filter((f) => !FIELDS.includes(f.field)) : [];
      if (e instanceof ApiError && e.fieldErrors.length) {
        placeFieldErrors(form, e.fieldErrors, (f) => (FIELDS.includes(f) ? [f] : null));
        setError(rest.length ? rest.map((f) => f.message).join('；') : null);
      } else setError(moveErrorText(e, '操作失败，请重试'));
    }
  };

  return (
    <Modal
      open
      title={TITLES[move]}
      okText={move === 'void' ? '确认作废' : '确定'}
      cancelText="取消"
      okButtonProps={{ danger: move === 'void', 'data-testid': 'problem-move-ok' } as ButtonProps}
      confirmLoading={send.isPending}
      onOk={() => void run()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }}>
        {problem.orgName}：{problem.description}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="problem-move-error" />}
      <Form form={form} layout="vertical" name="move" initialValues={{ result: 'pass' }}>
        {move === 'assign' && (
          <Form.Item name="responsibleMemberId" label="整改责任人" rules={[{ required: true, message: '请选择整改责任人' }]}>
            <MemberSearchSelect
              id="move_responsibleMemberId"
              orgId={problem.assignerOrgId}
              browseOrgId={problem.orgId}
              placeholder="输入姓名搜索交办单位范围内的党员"
              testId="problem-member-select"
            />
          </Form.Item>
        )}
        {(move === 'assign' || move === 'extend') && (
          <Form.Item
            name="deadline"
            label={move === 'extend' ? `新的整改期限（原期限 ${problem.deadline ?? '—'}）` : '整改期限'}
            rules={[{ required: true, message: '请选择整改期限' }]}
          >
            <DatePicker disabledDate={disabledBefore(firstDay)} style={{ width: 200 }} data-testid="problem-deadline" />
          </Form.Item>
        )}
        {move === 'recheck' && (
          <>
            <Form.Item name="result" label="复查结果" rules={[{ required: true, message: '请选择复查结果' }]}>
              <Radio.Group
                data-testid="problem-recheck-result"
                options={[
                  { value: 'pass', label: '通过销号' },
                  { value: 'fail', label: '退回重改' },
                ]}
              />
            </Form.Item>
            <Form.Item
              name="note"
              label="复查意见"
              rules={[{ required: true, whitespace: true, message: '请填写复查意见' }, maxChars('复查意见', LIMITS.problemReason)]}
            >
              <Input.TextArea rows={3} maxLength={LIMITS.problemReason} showCount placeholder="如：经实地查看，会议记录已补齐，同意销号" />
            </Form.Item>
          </>
        )}
        {(move === 'extend' || move === 'void') && (
          <Form.Item
            name="reason"
            label={move === 'void' ? '作废理由' : '延期理由'}
            rules={[
              { required: true, whitespace: true, message: move === 'void' ? '请填写作废理由' : '请填写延期理由' },
              maxChars(move === 'void' ? '作废理由' : '延期理由', LIMITS.problemReason),
            ]}
          >
            <Input.TextArea rows={3} maxLength={LIMITS.problemReason} showCount />
          </Form.Item>
        )}
        {move === 'void' && <Alert type="warning" showIcon title="作废后问题不再整改，记录和原因保留，不能恢复。" />}
      </Form>
    </Modal>
  );
}
