/**
 * 登记流出 / 编辑 / 更换联系干部: the mobility record of one member (where, since when, which
 * contact cadre, how often). The cadre is searched on the roster; whether that member may be a
 * cadre is the server's decision, and its message is shown under the field.
 */
import {
  DEFAULT_CONTACT_INTERVAL_DAYS,
  LIMITS,
  MAX_CONTACT_INTERVAL_DAYS,
  type MobileMemberView,
  type OrgNode,
  type UpsertMobilityRequest,
} from '@djzy/shared';
import { maxChars } from '../../components/formRules';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { fieldErrorsOr, onlyFields } from '../../api/formErrors';
import { mobilityKeys, upsertMobility, useMobilitySettings } from '../../api/mobility';
import { MemberSearchSelect } from '../../components/MemberSearchSelect';
import { enclosingOrg } from './shared';

/** What the modal edits: a new flow-out within an org, or an existing record. */
export type MobilityFormTarget = { kind: 'flowOut'; org: OrgNode } | { kind: 'edit'; record: MobileMemberView; focus?: 'cadre' };

/** Props of MobilityFormModal. */
export interface MobilityFormModalProps {
  target: MobilityFormTarget | null;
  /** The caller's org tree by id (to find the member's branch and township). */
  orgsById: Map<string, OrgNode>;
  onClose(): void;
  onSaved(view: MobileMemberView): void;
}

interface Values {
  memberId?: string;
  destination: string;
  employer?: string;
  leftAt: Dayjs | null;
  expectedReturnAt?: Dayjs | null;
  contactCadreId?: string;
  intervalDays: number | null;
}

const FIELDS: (keyof Values)[] = ['memberId', 'destination', 'employer', 'leftAt', 'expectedReturnAt', 'contactCadreId', 'intervalDays'];

/** The record form in a modal. */
export function MobilityFormModal({ target, orgsById, onClose, onSaved }: MobilityFormModalProps) {
  return (
    <Modal
      open={!!target}
      title={
        !target
          ? ''
          : target.kind === 'flowOut'
            ? `登记流出 · ${target.org.name}`
            : `${target.focus === 'cadre' ? '更换联系干部' : '编辑流动党员'} · ${target.record.member.name}`
      }
      onCancel={onClose}
      footer={null}
      width={620}
      destroyOnHidden
      data-testid="mobility-form-modal"
    >
      {target && <MobilityForm target={target} orgsById={orgsById} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function MobilityForm({ target, orgsById, onClose, onSaved }: MobilityFormModalProps & { target: MobilityFormTarget }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const upsert = useMutation({
    mutationFn: (a: { memberId: string; body: UpsertMobilityRequest }) => upsertMobility(a.memberId, a.body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: mobilityKeys.all }),
  });
  const [error, setError] = useState<string | null>(null);
  const record = target.kind === 'edit' ? target.record : null;

  // A cadre must be of the member's township: search there; before typing, list the branch.
  const memberOrgId = record ? record.member.orgId : target.kind === 'flowOut' ? target.org.id : null;
  const township = enclosingOrg(memberOrgId, orgsById, 'township');
  const branch = enclosingOrg(memberOrgId, orgsById, 'branch');
  const searchOrgId = township?.id ?? memberOrgId;
  const browseOrgId = branch?.id ?? searchOrgId;

  const initialValues = useMemo<Values>(
    () =>
      record
        ? {
            destination: record.destination,
            employer: record.employer ?? '',
            leftAt: record.leftAt ? dayjs(record.leftAt) : null,
            expectedReturnAt: record.expectedReturnAt ? dayjs(record.expectedReturnAt) : null,
            contactCadreId: record.contactCadre?.id,
            intervalDays: record.intervalDays,
          }
        : { destination: '', employer: '', leftAt: null, expectedReturnAt: null, intervalDays: DEFAULT_CONTACT_INTERVAL_DAYS },
    [record],
  );
  const memberId = Form.useWatch('memberId', form);

  // 登记流出 proposes the township's default interval (unless the field was already changed).
  const flowOutTownshipId = target.kind === 'flowOut' ? township?.id : undefined;
  const proposed = useMobilitySettings(flowOutTownshipId ?? null).data?.defaultIntervalDays;
  useEffect(() => {
    if (proposed != null && !form.isFieldTouched('intervalDays')) form.setFieldValue('intervalDays', proposed);
  }, [proposed, form]);

  const submit = async (v: Values) => {
    const id = record ? record.member.id : v.memberId;
    if (!id || !v.leftAt || !v.contactCadreId || v.intervalDays == null) return;
    const body: UpsertMobilityRequest = {
      destination: v.destination.trim(),
      employer: v.employer?.trim() || undefined,
      leftAt: v.leftAt.format('YYYY-MM-DD'),
      expectedReturnAt: v.expectedReturnAt ? v.expectedReturnAt.format('YYYY-MM-DD') : undefined,
      contactCadreId: v.contactCadreId,
      intervalDays: v.intervalDays,
      // Editing a returned member's record keeps them returned; 登记流出 always means away.
      status: record?.status === 'returned' ? 'returned' : 'away',
    };
    setError(null);
    try {
      const saved = await upsert.mutateAsync({ memberId: id, body });
      message.success(record ? `已保存${saved.member.name}的流动党员信息` : `已登记${saved.member.name}外出`);
      onSaved(saved);
    } catch (e) {
      setError(fieldErrorsOr(form, e, '保存失败，请重试', onlyFields(FIELDS)));
    }
  };

  return (
    <Form<Values>
      form={form}
      name="mobility"
      layout="vertical"
      initialValues={initialValues}
      onFinish={(v) => void submit(v)}
      // A new choice clears the server's old complaint about the previous one.
      onValuesChange={(changed) => form.setFields(Object.keys(changed).map((k) => ({ name: k as keyof Values, errors: [] })))}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="mobility-form-error" />}
      {target.kind === 'flowOut' && (
        <Form.Item
          name="memberId"
          label="外出党员"
          rules={[{ required: true, message: '请选择外出的党员' }]}
          extra="只列出尚未登记流出的党员"
        >
          <MemberSearchSelect orgId={target.org.id} notMobile placeholder="输入姓名搜索本组织党员" testId="mobility-member-select" />
        </Form.Item>
      )}
      <Form.Item
        name="destination"
        label="外出地点"
        rules={[{ required: true, whitespace: true, message: '请填写外出地点' }, maxChars('外出地点', LIMITS.destination)]}
      >
        <Input placeholder="如：广东省深圳市宝安区" maxLength={LIMITS.destination} />
      </Form.Item>
      <Form.Item name="employer" label="工作单位" rules={[maxChars('工作单位', LIMITS.employer)]}>
        <Input placeholder="选填" maxLength={LIMITS.employer} />
      </Form.Item>
      <div style={{ display: 'flex', gap: 16 }}>
        <Form.Item name="leftAt" label="外出时间" rules={[{ required: true, message: '请选择外出时间' }]} style={{ flex: 1 }}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="expectedReturnAt" label="预计返乡时间" style={{ flex: 1 }}>
          <DatePicker style={{ width: '100%' }} placeholder="选填" />
        </Form.Item>
      </div>
      <div style={{ display: 'flex', gap: 16 }}>
        <Form.Item
          name="contactCadreId"
          label="联系干部"
          rules={[{ required: true, message: '请选择联系干部' }]}
          extra="须为本乡镇担任联系干部、支部书记或支委的党员"
          style={{ flex: 2 }}
        >
          <MemberSearchSelect
            orgId={searchOrgId}
            browseOrgId={browseOrgId}
            initial={record?.contactCadre ? { id: record.contactCadre.id, name: record.contactCadre.name } : null}
            exclude={[record?.member.id ?? memberId ?? ''].filter(Boolean)}
            placeholder="输入姓名搜索本乡镇党员"
            testId="mobility-cadre-select"
            autoFocus={target.kind === 'edit' && target.focus === 'cadre'}
          />
        </Form.Item>
        <Form.Item name="intervalDays" label="联系周期（天）" rules={[{ required: true, message: '请填写联系周期' }]} style={{ flex: 1 }}>
          <InputNumber min={1} max={MAX_CONTACT_INTERVAL_DAYS} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </div>
      <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 8 }}>
        <Button onClick={onClose}>取消</Button>
        <Button type="primary" htmlType="submit" loading={upsert.isPending} data-testid="mobility-form-submit">
          保存
        </Button>
      </div>
    </Form>
  );
}
