/** 登记问题: the org (within the caller's scope), year, source, category, description and 长期坚持. */
import {
  LIMITS,
  PROBLEM_SOURCE_LABELS,
  PROBLEM_SOURCES,
  type CreateProblemRequest,
  type OrgNode,
  type ProblemSource,
  type ProblemView,
} from '@djzy/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, AutoComplete, Checkbox, Form, Input, Modal, Select, type ButtonProps } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { fieldErrorsOr, onlyFields } from '../../api/formErrors';
import { createProblem, problemKeys } from '../../api/problems';
import { maxChars } from '../../components/formRules';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { yearOptions } from './labels';

interface Values {
  orgId?: string;
  year: number;
  source?: ProblemSource;
  category: string;
  description: string;
  longTerm: boolean;
}

/** Categories the 三张清单 usually carry (free text: any other may be typed). */
const CATEGORIES = ['组织建设', '组织生活', '党员教育管理', '作风建设', '阵地建设', '党风廉政', '基层治理', '为民服务'];
const FIELDS = ['orgId', 'year', 'source', 'category', 'description', 'longTerm'];

function OrgField(props: { orgs: OrgNode[]; value?: string; onChange?(v: string): void }) {
  return (
    <OrgTreeSelect orgs={props.orgs} value={props.value ?? null} onChange={(v) => props.onChange?.(v)} width={472} testId="problem-org" />
  );
}

export interface ProblemFormModalProps {
  open: boolean;
  orgs: OrgNode[];
  onClose(): void;
  onCreated(problem: ProblemView): void;
}

export function ProblemFormModal(props: ProblemFormModalProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (body: CreateProblemRequest) => createProblem(body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: problemKeys.all }),
  });

  useEffect(() => {
    if (props.open) {
      form.resetFields();
      setError(null);
    }
  }, [props.open, form]);

  const run = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setError(null);
    try {
      const p = await create.mutateAsync({
        orgId: v.orgId!,
        year: v.year,
        source: v.source!,
        category: v.category.trim(),
        description: v.description.trim(),
        longTerm: v.longTerm,
      });
      message.success('问题已登记');
      props.onCreated(p);
    } catch (e) {
      setError(fieldErrorsOr(form, e, '登记失败，请重试', onlyFields(FIELDS)));
    }
  };

  return (
    <Modal
      open={props.open}
      title="登记问题"
      okText="登记"
      cancelText="取消"
      width={560}
      confirmLoading={create.isPending}
      onOk={() => void run()}
      onCancel={props.onClose}
      okButtonProps={{ 'data-testid': 'problem-form-save' } as ButtonProps}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="problem-form-error" />}
      <Form form={form} layout="vertical" name="problem" initialValues={{ year: dayjs().year(), longTerm: false }}>
        <Form.Item name="orgId" label="问题所在组织" rules={[{ required: true, message: '请选择问题所在组织' }]}>
          <OrgField orgs={props.orgs} />
        </Form.Item>
        <Form.Item name="year" label="年度" rules={[{ required: true, message: '请选择年度' }]}>
          <Select options={yearOptions()} style={{ width: 160 }} data-testid="problem-year" />
        </Form.Item>
        <Form.Item name="source" label="问题来源" rules={[{ required: true, message: '请选择问题来源' }]}>
          <Select
            data-testid="problem-source"
            placeholder="选择问题来源"
            options={PROBLEM_SOURCES.filter((s) => s !== 'feedback').map((s) => ({ value: s, label: PROBLEM_SOURCE_LABELS[s] }))}
          />
        </Form.Item>
        <Form.Item
          name="category"
          label="问题类别"
          rules={[{ required: true, whitespace: true, message: '请填写问题类别' }, maxChars('问题类别', LIMITS.problemCategory)]}
        >
          <AutoComplete options={CATEGORIES.map((c) => ({ value: c }))} placeholder="如：组织生活" maxLength={LIMITS.problemCategory} />
        </Form.Item>
        <Form.Item
          name="description"
          label="问题描述"
          rules={[{ required: true, whitespace: true, message: '请填写问题描述' }, maxChars('问题描述', LIMITS.problemDescription)]}
        >
          <Input.TextArea
            rows={4}
            maxLength={LIMITS.problemDescription}
            showCount
            placeholder="如：“三会一课”会议记录不规范，缺少参会人员签到"
          />
        </Form.Item>
        <Form.Item name="longTerm" valuePropName="checked" extra="需长期坚持整改的问题，销号后次年仍在清单中">
          <Checkbox>长期坚持</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
