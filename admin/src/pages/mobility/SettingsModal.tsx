/**
 * 乡镇规则: a township's own rules for its mobile members — the contact interval proposed for new
 * records, the days without contact before 失联, and whether a member's own report counts as a
 * contact. Range checks are the server's; its field messages are shown under the fields.
 */
import { ApiError, type MobilitySettingsView, type OrgNode, type UpdateMobilitySettingsRequest } from '@djzy/shared';
import { Alert, App, Button, Form, InputNumber, Modal, Spin, Switch } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { fieldErrorsOr, onlyFields } from '../../api/formErrors';
import { mobilityKeys, updateMobilitySettings, useMobilitySettings } from '../../api/mobility';

/** Props of SettingsModal. */
export interface SettingsModalProps {
  /** The township whose rules are edited; null when closed. */
  township: OrgNode | null;
  onClose(): void;
  onSaved(view: MobilitySettingsView): void;
}

type Values = Omit<MobilitySettingsView, 'orgId'>;
const FIELDS: (keyof Values)[] = ['defaultIntervalDays', 'lostContactDays', 'selfReportResets'];

/** The township rules in a modal. */
export function SettingsModal({ township, onClose, onSaved }: SettingsModalProps) {
  return (
    <Modal
      open={!!township}
      title={township ? `乡镇规则 · ${township.name}` : ''}
      onCancel={onClose}
      footer={null}
      width={480}
      destroyOnHidden
      data-testid="mobility-settings-modal"
    >
      {township && <SettingsForm township={township} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function SettingsForm({ township, onClose, onSaved }: SettingsModalProps & { township: OrgNode }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const settings = useMobilitySettings(township.id);
  const loaded = settings.data ?? null;
  const queryClient = useQueryClient();
  const update = useMutation({
    mutationFn: (body: UpdateMobilitySettingsRequest) => updateMobilitySettings(township.id, body),
    // 失联 depends on the township's rules: the ledger reloads too.
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: mobilityKeys.all }),
  });
  const [error, setError] = useState<string | null>(null);
  const loadError = settings.isError ? (settings.error instanceof ApiError ? settings.error.message : '读取乡镇规则失败，请重试') : null;

  const submit = async (v: Values) => {
    if (!loaded) return;
    const body: UpdateMobilitySettingsRequest = {};
    if (v.defaultIntervalDays !== loaded.defaultIntervalDays) body.defaultIntervalDays = v.defaultIntervalDays;
    if (v.lostContactDays !== loaded.lostContactDays) body.lostContactDays = v.lostContactDays;
    if (v.selfReportResets !== loaded.selfReportResets) body.selfReportResets = v.selfReportResets;
    if (!Object.keys(body).length) {
      onClose();
      return;
    }
    setError(null);
    try {
      const saved = await update.mutateAsync(body);
      message.success(`已保存${township.name}的乡镇规则`);
      onSaved(saved);
    } catch (e) {
      setError(fieldErrorsOr(form, e, '保存失败，请重试', onlyFields(FIELDS)));
    }
  };

  if (!loaded) {
    return loadError ? (
      <Alert type="error" showIcon title={loadError} data-testid="mobility-settings-error" />
    ) : (
      <Spin style={{ display: 'block', margin: '24px auto' }} />
    );
  }

  return (
    <Form<Values>
      form={form}
      name="mobility-settings"
      layout="vertical"
      initialValues={{
        defaultIntervalDays: loaded.defaultIntervalDays,
        lostContactDays: loaded.lostContactDays,
        selfReportResets: loaded.selfReportResets,
      }}
      onFinish={(v) => void submit(v)}
      // A new value clears the server's old complaint about the previous one.
      onValuesChange={(changed) => form.setFields(Object.keys(changed).map((k) => ({ name: k as keyof Values, errors: [] })))}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="mobility-settings-error" />}
      <Form.Item
        name="defaultIntervalDays"
        label="默认联系周期（天）"
        rules={[{ required: true, message: '请填写默认联系周期' }]}
        extra="登记流出时预填的联系周期"
      >
        <InputNumber precision={0} style={{ width: '100%' }} data-testid="settings-interval" />
      </Form.Item>
      <Form.Item
        name="lostContactDays"
        label="失联判定（天无联系）"
        rules={[{ required: true, message: '请填写失联判定天数' }]}
        extra="超过这些天没有联系即判定为失联"
      >
        <InputNumber precision={0} style={{ width: '100%' }} data-testid="settings-lost-days" />
      </Form.Item>
      <Form.Item name="selfReportResets" label="本人报告是否算作联系" valuePropName="checked">
        <Switch checkedChildren="算作联系" unCheckedChildren="不算" data-testid="settings-self-report" />
      </Form.Item>
      <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 8 }}>
        <Button onClick={onClose}>取消</Button>
        <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="settings-submit">
          保存
        </Button>
      </div>
    </Form>
  );
}
