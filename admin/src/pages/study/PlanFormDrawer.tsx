/**
 * 新建学习计划 / 编辑学习计划: a drawer form for POST /study/plans and PATCH /study/plans/:id — the
 * org, a title, the dates (both included), 1–20 published materials its members can see, a note.
 */
import {
  type CreateStudyPlanRequest,
  LIMITS,
  MAX_PLAN_MATERIALS,
  type OrgNode,
  type StudyPlanView,
  type UpdateStudyPlanRequest,
} from '@djzy/shared';
import { maxChars } from '../../components/formRules';
import { App, DatePicker, Form, Input } from 'antd';
import { FormDrawer } from '../../components/FormDrawer';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef } from 'react';
import { createPlan, studyKeys, updatePlan } from '../../api/study';
import { useFormSave } from '../../hooks/useFormSave';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { MaterialSelect, usePublishedMaterials } from './MaterialSelect';

interface FormValues {
  orgId: string;
  title: string;
  range: [Dayjs, Dayjs];
  materialIds: string[];
  note?: string;
}

/** The form's field path of a server field name. */
function fieldPath(field: string): (string | number)[] | null {
  const top = field.split('.')[0];
  if (top === 'startsOn' || top === 'endsOn') return ['range'];
  return ['orgId', 'title', 'materialIds', 'note'].includes(top) ? [top] : null;
}

const DAY = 'YYYY-MM-DD';

/** The org picker as a form control (fixed once the plan exists). */
function OrgField(props: { orgs: OrgNode[]; value?: string; onChange?(v: string): void }) {
  return (
    <OrgTreeSelect orgs={props.orgs} value={props.value ?? null} onChange={(v) => props.onChange?.(v)} width={472} testId="plan-org" />
  );
}

/** Props of PlanFormDrawer: `plan` null creates one. */
export interface PlanFormDrawerProps {
  open: boolean;
  plan: StudyPlanView | null;
  orgs: OrgNode[];
  /** The org preselected for a new plan (the list's filter). */
  defaultOrgId: string | null;
  onClose(): void;
  onSaved(p: StudyPlanView): void;
}

/** The study plan form in a drawer. */
export function PlanFormDrawer(props: PlanFormDrawerProps) {
  const { open, plan, orgs, defaultOrgId } = props;
  const defaultOrgIdRef = useRef(defaultOrgId);
  defaultOrgIdRef.current = defaultOrgId;
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const { save, saving } = useFormSave(form, {
    send: (body: CreateStudyPlanRequest | UpdateStudyPlanRequest) =>
      plan ? updatePlan(plan.id, body) : createPlan(body as CreateStudyPlanRequest),
    invalidate: studyKeys.plans,
    path: fieldPath,
    onSaved: (saved: StudyPlanView) => {
      message.success(plan ? '学习计划已保存' : '已创建学习计划，党员在小程序“我的学习”里可以看到');
      props.onSaved(saved);
    },
  });
  const orgId = Form.useWatch('orgId', form);
  const materials = usePublishedMaterials(open, plan ? plan.orgId : orgId);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (plan) {
      form.setFieldsValue({
        title: plan.title,
        range: [dayjs(plan.startsOn), dayjs(plan.endsOn)],
        materialIds: plan.materials.map((m) => m.id),
        note: plan.note ?? undefined,
      });
    } else {
      form.setFieldsValue({
        orgId: defaultOrgIdRef.current ?? undefined,
        range: [dayjs().startOf('month'), dayjs().endOf('month')],
        materialIds: [],
      });
    }
  }, [open, plan, form]);

  // The default org may arrive after the drawer opened (the org tree still loading); it fills the
  // field only while it is empty — never resetting what the user has typed or picked meanwhile.
  useEffect(() => {
    if (open && !plan && defaultOrgId && !form.getFieldValue('orgId')) form.setFieldsValue({ orgId: defaultOrgId });
  }, [open, plan, defaultOrgId, form]);

  const submit = (v: FormValues) => {
    const common: UpdateStudyPlanRequest = {
      title: v.title.trim(),
      startsOn: v.range[0].format(DAY),
      endsOn: v.range[1].format(DAY),
      materialIds: v.materialIds,
    };
    const note = v.note?.trim() ?? '';
    save(plan ? { ...common, note } : { ...(common as Omit<CreateStudyPlanRequest, 'orgId'>), orgId: v.orgId, ...(note && { note }) });
  };

  return (
    <FormDrawer
      title={plan ? '编辑学习计划' : '新建学习计划'}
      open={open}
      onClose={props.onClose}
      onSave={() => form.submit()}
      saving={saving}
      size={560}
      testId="plan-form"
      saveTestId="plan-save"
    >
      <Form<FormValues> form={form} layout="vertical" onFinish={submit} name="plan">
        {plan ? (
          <Form.Item label="组织" extra="计划建立后不能更换组织">
            <Input value={plan.orgName} disabled data-testid="plan-org-name" />
          </Form.Item>
        ) : (
          <Form.Item
            name="orgId"
            label="组织"
            rules={[{ required: true, message: '请选择组织' }]}
            extra="该组织（含下级）的党员按此计划学习"
          >
            <OrgField orgs={orgs} />
          </Form.Item>
        )}
        <Form.Item
          name="title"
          label="计划名称"
          rules={[{ required: true, whitespace: true, message: '请填写计划名称' }, maxChars('计划名称', LIMITS.planTitle)]}
        >
          <Input placeholder="如：本月学习计划：学习新修订的党章" maxLength={LIMITS.planTitle} />
        </Form.Item>
        <Form.Item name="range" label="学习时间" rules={[{ required: true, message: '请选择开始和结束日期' }]} extra="含开始和结束当天">
          <DatePicker.RangePicker style={{ width: '100%' }} format={DAY} data-testid="plan-range" />
        </Form.Item>
        <Form.Item
          name="materialIds"
          label="学习资料"
          extra="只能选择已发布、且该组织党员能看到的资料"
          rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一份学习资料' }]}
        >
          <MaterialSelect materials={materials} known={plan?.materials} max={MAX_PLAN_MATERIALS} testId="plan-materials" />
        </Form.Item>
        <Form.Item name="note" label="说明" rules={[maxChars('说明', LIMITS.planNote)]}>
          <Input.TextArea rows={3} maxLength={LIMITS.planNote} placeholder="如：请在月底前学完，支部党员大会上交流学习体会" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
