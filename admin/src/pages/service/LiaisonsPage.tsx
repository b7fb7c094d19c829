/**
 * 联村联片联户: the links of a township or branch — 科级干部联村, 支委联片, 无职党员联户 (5–10
 * households) — with when each was last visited and, where an interval is set, the day a visit is
 * due (a reminder, never a score); 新增联系 and the contacts the linked members logged.
 */
import { PlusOutlined } from '@ant-design/icons';
import {
  LIAISON_HOUSEHOLDS_MAX,
  LIAISON_HOUSEHOLDS_MIN,
  LIAISON_KIND_LABELS,
  LIAISON_KINDS,
  LIMITS,
  toLocalDate,
  type LiaisonContactView,
  type LiaisonKind,
  type LiaisonView,
  type OrgNode,
} from '@djzy/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Tag,
  Typography,
  type ButtonProps,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { fieldErrorsOr, onlyFields } from '../../api/formErrors';
import { createLiaison, serviceKeys, useLiaisonContacts, useLiaisons } from '../../api/service';
import { maxChars } from '../../components/formRules';
import { MemberSearchSelect } from '../../components/MemberSearchSelect';
import { OrgFilter, OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PagedTable } from '../../components/PagedTable';
import { useOrgs } from '../../hooks/useOrgs';
import { usePaging } from '../../hooks/usePaging';

interface Values {
  orgId?: string;
  kind: LiaisonKind;
  memberId?: string;
  targetOrgId?: string;
  areaName?: string;
  households?: string;
  from: Dayjs;
  contactIntervalDays?: number | null;
}

function OrgField(props: { orgs: OrgNode[]; value?: string; onChange?(v: string): void; testId: string }) {
  return (
    <OrgTreeSelect orgs={props.orgs} value={props.value ?? null} onChange={(v) => props.onChange?.(v)} width={472} testId={props.testId} />
  );
}

/** `王*国家 独居老人` per line → a household and its note. */
const householdsOf = (text: string | undefined) =>
  (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [name, ...note] = l.split(/\s+/);
      return { name: name.slice(0, LIMITS.householdName), ...(note.length ? { note: note.join(' ').slice(0, LIMITS.householdNote) } : {}) };
    });

function LiaisonModal(props: { orgs: OrgNode[]; onClose(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const orgId = Form.useWatch('orgId', form);
  const [error, setError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: createLiaison,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: serviceKeys.liaisons }),
  });
  const run = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setError(null);
    try {
      await create.mutateAsync({
        orgId: v.orgId!,
        memberId: v.memberId!,
        kind: v.kind,
        ...(v.kind === 'cadre_village' && v.targetOrgId ? { targetOrgId: v.targetOrgId } : {}),
        ...(v.kind === 'committee_area' && v.areaName?.trim() ? { areaName: v.areaName.trim() } : {}),
        ...(v.kind === 'member_household' ? { households: householdsOf(v.households) } : {}),
        from: v.from.format('YYYY-MM-DD'),
        ...(v.contactIntervalDays ? { contactIntervalDays: v.contactIntervalDays } : {}),
      });
      message.success('已新增');
      props.onClose();
    } catch (e) {
      setError(
        fieldErrorsOr(
          form,
          e,
          '保存失败，请重试',
          onlyFields(['orgId', 'memberId', 'kind', 'targetOrgId', 'areaName', 'households', 'from', 'contactIntervalDays']),
        ),
      );
    }
  };
  return (
    <Modal
      open
      title="新增联系"
      okText="保存"
      cancelText="取消"
      width={560}
      confirmLoading={create.isPending}
      onOk={() => void run()}
      onCancel={props.onClose}
      okButtonProps={{ 'data-testid': 'liaison-form-save' } as ButtonProps}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="liaison-form-error" />}
      <Form form={form} layout="vertical" name="liaison" initialValues={{ kind: 'member_household', from: dayjs(toLocalDate(new Date())) }}>
        <Form.Item name="orgId" label="所属乡镇或支部" rules={[{ required: true, message: '请选择组织' }]}>
          <OrgField orgs={props.orgs} testId="liaison-org" />
        </Form.Item>
        <Form.Item name="kind" label="联系方式" rules={[{ required: true, message: '请选择' }]}>
          <Select data-testid="liaison-kind" options={LIAISON_KINDS.map((k) => ({ value: k, label: LIAISON_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item name="memberId" label="联系人（党员）" rules={[{ required: true, message: '请选择联系人' }]}>
          <MemberSearchSelect id="liaison_memberId" orgId={orgId ?? null} placeholder="先选组织，再输入姓名搜索" testId="liaison-member" />
        </Form.Item>
        {kind === 'cadre_village' && (
          <Form.Item name="targetOrgId" label="所联系的村" rules={[{ required: true, message: '请选择所联系的村' }]}>
            <OrgField orgs={props.orgs} testId="liaison-target" />
          </Form.Item>
        )}
        {kind === 'committee_area' && (
          <Form.Item
            name="areaName"
            label="所联系的片区"
            rules={[{ required: true, whitespace: true, message: '请填写片区' }, maxChars('片区', LIMITS.liaisonArea)]}
          >
            <Input maxLength={LIMITS.liaisonArea} placeholder="如：一组、二组" />
          </Form.Item>
        )}
        {kind === 'member_household' && (
          <Form.Item
            name="households"
            label={`联系户（每行一户，${LIAISON_HOUSEHOLDS_MIN}–${LIAISON_HOUSEHOLDS_MAX} 户，户名后可空格写备注）`}
            rules={[
              {
                validator: (_, v: string | undefined) => {
                  const n = householdsOf(v).length;
                  return n >= LIAISON_HOUSEHOLDS_MIN && n <= LIAISON_HOUSEHOLDS_MAX
                    ? Promise.resolve()
                    : Promise.reject(
                        new Error(`无职党员联户应联系 ${LIAISON_HOUSEHOLDS_MIN}–${LIAISON_HOUSEHOLDS_MAX} 户，现在是 ${n} 户`),
                      );
                },
              },
            ]}
          >
            <Input.TextArea rows={6} placeholder={'王*国家 独居老人\n李*华家'} data-testid="liaison-households" />
          </Form.Item>
        )}
        <Form.Item name="from" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
          <DatePicker style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="contactIntervalDays" label="走访提醒间隔（天，可不填）" extra="只用于提醒联系人按时走访，不计分、不排名">
          <InputNumber min={1} max={366} style={{ width: 200 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ContactsCard(props: { orgId: string | null }) {
  const paging = usePaging(10);
  const list = useLiaisonContacts({ orgId: props.orgId ?? undefined, page: paging.page, pageSize: paging.pageSize });
  const columns: ColumnsType<LiaisonContactView> = [
    { title: '日期', dataIndex: 'on', width: 110 },
    { title: '联系人', dataIndex: 'memberName', width: 100 },
    { title: '农户', dataIndex: 'householdName', width: 110, render: (h: string | null) => h ?? '—' },
    { title: '走访情况', dataIndex: 'what', ellipsis: true },
    {
      title: '群众需求',
      key: 'needs',
      render: (_, c) =>
        c.needs.length ? (
          <Space direction="vertical" size={0}>
            {c.needs.map((n, i) => (
              <span key={i}>
                {n.text}
                {n.deedId && (
                  <Tag color="green" style={{ marginInlineStart: 4 }}>
                    已转办实事
                  </Tag>
                )}
                {n.serviceRequestId && (
                  <Tag color="blue" style={{ marginInlineStart: 4 }}>
                    已转便民服务
                  </Tag>
                )}
              </span>
            ))}
          </Space>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <Card size="small" title="走访记录" style={{ marginTop: 16 }}>
      <PagedTable<LiaisonContactView> columns={columns} list={list} paging={paging} unit="次" data-testid="liaison-contacts" />
    </Card>
  );
}

/** The 联村联片联户 screen. */
export function LiaisonsPage() {
  const orgs = useOrgs();
  const [orgId, setOrgId] = useState<string | null>(null);
  const [kind, setKind] = useState<LiaisonKind | undefined>();
  const [creating, setCreating] = useState(false);
  const paging = usePaging();
  const list = useLiaisons({ orgId: orgId ?? undefined, kind, page: paging.page, pageSize: paging.pageSize });
  const columns: ColumnsType<LiaisonView> = [
    { title: '组织', dataIndex: 'orgName', width: 140, ellipsis: true },
    { title: '联系方式', dataIndex: 'kind', width: 120, render: (k: LiaisonKind) => LIAISON_KIND_LABELS[k] },
    { title: '联系人', dataIndex: 'memberName', width: 90 },
    {
      title: '联系对象',
      key: 'target',
      render: (_, l) =>
        l.scope === 'village' ? (
          l.targetOrgName
        ) : l.scope === 'area' ? (
          l.areaName
        ) : (
          <Typography.Text
            ellipsis={{ tooltip: l.households.map((h) => h.name).join('、') }}
            style={{ maxWidth: 260 }}
            data-testid={`liaison-households-${l.id}`}
          >
            {l.households.length} 户：{l.households.map((h) => h.name).join('、')}
          </Typography.Text>
        ),
    },
    { title: '最近走访', dataIndex: 'lastContactOn', width: 110, render: (d: string | null) => d ?? '—' },
    { title: '下次提醒', dataIndex: 'nextContactOn', width: 110, render: (d: string | null) => d ?? '—' },
    { title: '走访次数', dataIndex: 'contacts', width: 90 },
  ];
  return (
    <>
      <Card
        size="small"
        title="联村联片联户"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="liaison-new">
            新增联系
          </Button>
        }
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <Select<LiaisonKind>
            style={{ width: 150 }}
            allowClear
            placeholder="全部联系方式"
            value={kind}
            onChange={(v) => (setKind(v), paging.firstPage())}
            options={LIAISON_KINDS.map((k) => ({ value: k, label: LIAISON_KIND_LABELS[k] }))}
          />
          <OrgFilter orgs={orgs} value={orgId} onChange={(o) => (setOrgId(o), paging.firstPage())} testId="liaison-filter-org" />
        </Space>
        <PagedTable<LiaisonView> columns={columns} list={list} paging={paging} unit="条" data-testid="liaison-table" />
        {creating && <LiaisonModal orgs={orgs ?? []} onClose={() => setCreating(false)} />}
      </Card>
      <ContactsCard orgId={orgId} />
    </>
  );
}
