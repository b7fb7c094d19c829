/** 新增/编辑党员: a drawer form for POST /members and PATCH /members/:id. */
import {
  type CreateMemberRequest,
  type Gender,
  GENDER_LABELS,
  GENDERS,
  isValidIdCard,
  isValidPhone,
  LIMITS,
  MEMBER_STATUS_LABELS,
  MEMBER_STATUSES,
  type MemberDetail,
  type MemberStatus,
  type OrgNode,
  type UpdateMemberRequest,
} from '@djzy/shared';
import { maxChars } from '../../components/formRules';
import { App, DatePicker, Form, Input, Radio, Select, Spin, Switch, TreeSelect } from 'antd';
import { FormDrawer } from '../../components/FormDrawer';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef } from 'react';
import { onlyFields } from '../../api/formErrors';
import { createMember, memberKeys, updateMember, useMember } from '../../api/members';
import { useFormSave } from '../../hooks/useFormSave';

interface FormValues {
  name: string;
  gender?: Gender;
  idCard?: string;
  phone?: string;
  orgId: string;
  status: MemberStatus;
  joinedAt?: Dayjs | null;
  education?: string;
  isMobile: boolean;
}

const FIELDS: (keyof FormValues)[] = ['name', 'gender', 'idCard', 'phone', 'orgId', 'status', 'joinedAt', 'education', 'isMobile'];
/** Formats, not limits: an ID number has 18 characters, a mobile number 11 digits. */
const ID_CARD_LENGTH = 18;
const PHONE_LENGTH = 11;
const EDUCATIONS = ['研究生', '大学本科', '大学专科', '中专', '高中', '初中', '小学及以下'];

interface OrgOption {
  value: string;
  title: string;
  selectable: boolean;
  children?: OrgOption[];
}
/** Members belong to a branch or a group, never directly to a county or township committee. */
const canHoldMembers = (n: OrgNode) => n.kind === 'branch' || n.kind === 'group';
function toOrgOptions(nodes: OrgNode[]): OrgOption[] {
  return nodes.map((n) => ({
    value: n.id,
    title: n.name,
    selectable: canHoldMembers(n),
    children: n.children.length ? toOrgOptions(n.children) : undefined,
  }));
}
function findOrg(nodes: OrgNode[], id: string | null): OrgNode | null {
  for (const n of nodes) {
    if (n.id === id) return n;
    const inChild = findOrg(n.children, id);
    if (inChild) return inChild;
  }
  return null;
}

/** Props of MemberFormDrawer: `memberId` null creates, a string edits; closed when `open` is false. */
export interface MemberFormDrawerProps {
  open: boolean;
  memberId: string | null;
  orgs: OrgNode[];
  /** The org preselected for a new member (the one selected in the tree). */
  defaultOrgId: string | null;
  /** Asks the server for the full phone and ID number (admins, audited). */
  reveal: boolean;
  onClose(): void;
  onSaved(member: MemberDetail): void;
}

/** The member form in a drawer. */
export function MemberFormDrawer(props: MemberFormDrawerProps) {
  const { open, memberId, reveal, defaultOrgId } = props;
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const detail = useMember(open ? memberId : null, reveal);
  const loaded = detail.data ?? null;
  const loading = detail.isFetching;
  const { save, saving } = useFormSave(form, {
    send: (body: CreateMemberRequest | UpdateMemberRequest) =>
      memberId ? updateMember(memberId, body) : createMember(body as CreateMemberRequest),
    // The lists only: reading a record again with `reveal` would be audited once more.
    invalidate: memberKeys.lists,
    // The server names each bad field (VALIDATION_FAILED, DUPLICATE_ID_CARD on idCard): each under its input.
    path: onlyFields(FIELDS),
    onSaved: (saved: MemberDetail) => {
      message.success(memberId ? '已保存' : '已新增党员');
      props.onSaved(saved);
    },
  });
  const orgOptions = useMemo(() => toOrgOptions(props.orgs), [props.orgs]);
  const editing = memberId !== null;
  // onClose is a fresh closure on every render of the parent: read it through a ref so the
  // effects below do not run again each time the parent renders.
  const onCloseRef = useRef(props.onClose);
  onCloseRef.current = props.onClose;
  const defaultOrgIdRef = useRef(defaultOrgId);
  defaultOrgIdRef.current = defaultOrgId;
  const orgsRef = useRef(props.orgs);
  orgsRef.current = props.orgs;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (!memberId) {
      form.setFieldsValue({
        // Preselect the tree's org only where a member can actually be placed.
        orgId: (() => {
          const org = findOrg(orgsRef.current, defaultOrgIdRef.current);
          return org && canHoldMembers(org) ? org.id : undefined;
        })(),
        status: 'full',
        isMobile: false,
      });
    }
  }, [open, memberId, form]);

  // The default org may arrive after the drawer opened (the org tree still loading); it fills the
  // field only while it is empty — never resetting what the user has typed or picked meanwhile.
  useEffect(() => {
    if (!open || memberId || form.getFieldValue('orgId')) return;
    const org = findOrg(props.orgs, defaultOrgId);
    if (org && canHoldMembers(org)) form.setFieldsValue({ orgId: org.id });
  }, [open, memberId, defaultOrgId, props.orgs, form]);

  // The record, once it arrives, fills the form; when it cannot be read the drawer closes.
  useEffect(() => {
    const m = detail.data;
    if (!open || !m) return;
    form.setFieldsValue({
      name: m.name,
      gender: m.gender ?? undefined,
      // A masked value is not the real one: leave the field empty and show the mask as a hint.
      idCard: m.revealed ? (m.idCard ?? undefined) : undefined,
      phone: m.revealed ? (m.phone ?? undefined) : undefined,
      orgId: m.orgId,
      status: m.status,
      joinedAt: m.joinedAt ? dayjs(m.joinedAt) : null,
      education: m.education ?? undefined,
      isMobile: m.isMobile,
    });
  }, [open, detail.data, form]);
  useEffect(() => {
    if (detail.isError) onCloseRef.current();
  }, [detail.isError]);

  const submit = (values: FormValues) => {
    const base = {
      name: values.name.trim(),
      gender: values.gender,
      orgId: values.orgId,
      status: values.status,
      joinedAt: values.joinedAt ? values.joinedAt.format('YYYY-MM-DD') : undefined,
      education: values.education?.trim() || undefined,
      isMobile: values.isMobile,
    };
    const idCard = values.idCard?.trim().toUpperCase() || undefined;
    const phone = values.phone?.trim() || undefined;
    // Sensitive fields go out only when typed, so an edit never overwrites them with a mask.
    const body: CreateMemberRequest | UpdateMemberRequest = memberId
      ? { ...base, ...(idCard && { idCard }), ...(phone && { phone }) }
      : { ...base, idCard: idCard!, phone };
    save(body);
  };

  return (
    <FormDrawer
      title={editing ? '编辑党员信息' : '新增党员'}
      open={open}
      onClose={props.onClose}
      onSave={() => form.submit()}
      saving={saving}
      loading={loading}
      size={520}
    >
      <Spin spinning={loading}>
        <Form<FormValues> form={form} layout="vertical" onFinish={submit} name="member">
          <Form.Item
            name="name"
            label="姓名"
            rules={[{ required: true, whitespace: true, message: '请输入姓名' }, maxChars('姓名', LIMITS.personName)]}
          >
            <Input maxLength={LIMITS.personName} />
          </Form.Item>
          <Form.Item name="gender" label="性别">
            <Radio.Group
              options={GENDERS.map((g) => ({
                value: g,
                label: GENDER_LABELS[g],
              }))}
            />
          </Form.Item>
          <Form.Item
            name="idCard"
            label="身份证号"
            extra={editing && loaded && !loaded.revealed ? `当前：${loaded.idCard ?? '未填写'}（留空则不修改）` : undefined}
            rules={[
              { required: !editing, message: '请输入身份证号' },
              {
                validator: async (_, v?: string) => {
                  if (v && !isValidIdCard(v)) throw new Error('身份证号不正确，请输入 18 位有效身份证号');
                },
              },
            ]}
          >
            <Input maxLength={ID_CARD_LENGTH} autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="phone"
            label="手机号"
            extra={editing && loaded && !loaded.revealed && loaded.phone ? `当前：${loaded.phone}（留空则不修改）` : undefined}
            rules={[
              {
                validator: async (_, v?: string) => {
                  if (v && !isValidPhone(v)) throw new Error('手机号不正确，请输入 11 位手机号码');
                },
              },
            ]}
          >
            <Input maxLength={PHONE_LENGTH} autoComplete="off" />
          </Form.Item>
          <Form.Item name="orgId" label="所在组织" rules={[{ required: true, message: '请选择所在组织' }]}>
            <TreeSelect treeData={orgOptions} treeDefaultExpandAll showSearch treeNodeFilterProp="title" placeholder="请选择" />
          </Form.Item>
          <Form.Item name="status" label="人员类别" rules={[{ required: true, message: '请选择人员类别' }]}>
            <Select
              options={MEMBER_STATUSES.map((s) => ({
                value: s,
                label: MEMBER_STATUS_LABELS[s],
              }))}
            />
          </Form.Item>
          <Form.Item name="joinedAt" label="入党日期">
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="education" label="学历">
            <Select allowClear options={EDUCATIONS.map((e) => ({ value: e, label: e }))} />
          </Form.Item>
          <Form.Item name="isMobile" label="流动党员" valuePropName="checked">
            <Switch checkedChildren="是" unCheckedChildren="否" />
          </Form.Item>
        </Form>
      </Spin>
    </FormDrawer>
  );
}
