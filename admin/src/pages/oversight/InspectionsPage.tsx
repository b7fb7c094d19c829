/**
 * 专项检查: the inspections of the caller's orgs and 新建检查 (the inspecting org, topic, kind,
 * dates, the orgs inspected, methods, report and findings). Each finding is registered at once as
 * a problem (专项检查发现); the answer says how many, with a link to 问题清单.
 */
import { PlusOutlined } from '@ant-design/icons';
import {
  INSPECTION_KIND_LABELS,
  INSPECTION_KINDS,
  INSPECTION_METHODS,
  LIMITS,
  type CreateInspectionRequest,
  type InspectionKind,
  type InspectionView,
  type OrgKind,
  type OrgNode,
} from '@djzy/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Input, Select, Space, Table, TreeSelect } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { fieldErrorsOr } from '../../api/formErrors';
import { createInspection, oversightKeys, useInspections } from '../../api/oversight';
import { problemKeys } from '../../api/problems';
import { FormDrawer } from '../../components/FormDrawer';
import { maxChars } from '../../components/formRules';
import { upperLevelIds } from '../../components/OrgTreeSelect';
import { useOrgs } from '../../hooks/useOrgs';
import { yearOptions } from '../problems/labels';
import { OrgKindSelect } from './common';
import { findingPath, FindingsEditor, toFindings } from './FindingsEditor';

const INSPECTORS: OrgKind[] = ['county', 'township'];
const FIELDS = ['orgId', 'topic', 'kind', 'targetOrgIds', 'methods', 'report'];

/** The 专项检查 screen. */
export function InspectionsPage() {
  const orgs = useOrgs();
  const { modal } = App.useApp();
  const queryClient = useQueryClient();
  // The dialogs render outside the router: their link navigates through the page's.
  const navigate = useNavigate();
  const [year, setYear] = useState<number | undefined>(dayjs().year());
  const [creating, setCreating] = useState(false);
  // A fresh form each time the drawer opens: nothing of the last one carries over.
  const [opened, setOpened] = useState(0);
  const list = useInspections(year);

  const created = (i: InspectionView) => {
    setCreating(false);
    void queryClient.invalidateQueries({ queryKey: oversightKeys.inspections });
    void queryClient.invalidateQueries({ queryKey: problemKeys.all });
    const shown = modal.success({
      title: '检查已登记',
      content: (
        <span data-testid="inspection-created">
          「{i.topic}」已登记，发现的 {i.problemIds.length} 个问题已登记到问题清单。
          <a onClick={() => (shown.destroy(), navigate('/problems'))} data-testid="to-problems">
            查看问题清单
          </a>
        </span>
      ),
      okText: '知道了',
    });
  };

  const columns: ColumnsType<InspectionView> = [
    { title: '检查主题', dataIndex: 'topic', ellipsis: true },
    { title: '类型', dataIndex: 'kind', width: 100, render: (k: InspectionKind) => INSPECTION_KIND_LABELS[k] },
    { title: '检查单位', dataIndex: 'orgName', width: 140, ellipsis: true },
    { title: '检查时间', key: 'dates', width: 200, render: (_, i) => (i.from === i.to ? i.from : `${i.from} 至 ${i.to}`) },
    { title: '检查对象', key: 'targets', ellipsis: true, render: (_, i) => i.targets.map((t) => t.name).join('、') },
    { title: '发现问题', key: 'problems', width: 90, render: (_, i) => `${i.problemIds.length} 个` },
  ];

  return (
    <Card
      size="small"
      title="专项检查"
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => (setOpened((n) => n + 1), setCreating(true))}
          disabled={!orgs}
          data-testid="inspection-new"
        >
          新建检查
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<number>
          data-testid="inspection-filter-year"
          style={{ width: 110 }}
          allowClear
          placeholder="全部年度"
          value={year}
          onChange={setYear}
          options={yearOptions()}
        />
      </Space>
      <Table<InspectionView>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.isFetching}
        pagination={false}
        locale={{ emptyText: '暂无检查记录' }}
        data-testid="inspection-table"
      />
      <InspectionDrawer key={opened} open={creating} orgs={orgs ?? []} onClose={() => setCreating(false)} onCreated={created} />
    </Card>
  );
}

interface TreeOption {
  value: string;
  title: string;
  children?: TreeOption[];
}
const toTree = (nodes: OrgNode[]): TreeOption[] =>
  nodes.map((n) => ({ value: n.id, title: n.name, children: n.children.length ? toTree(n.children) : undefined }));

/** Several orgs of the caller's tree (the orgs inspected). */
function OrgMultiSelect(props: { orgs: OrgNode[]; value?: string[]; onChange?(v: string[]): void; id?: string }) {
  const treeData = useMemo(() => toTree(props.orgs), [props.orgs]);
  const expanded = useMemo(() => upperLevelIds(props.orgs), [props.orgs]);
  return (
    <TreeSelect
      id={props.id}
      data-testid="inspection-targets"
      multiple
      treeData={treeData}
      value={props.value}
      onChange={(v: string[]) => props.onChange?.(v)}
      treeNodeFilterProp="title"
      treeDefaultExpandedKeys={expanded}
      showSearch
      placeholder="选择被检查的组织"
      style={{ width: '100%' }}
    />
  );
}

interface Values {
  orgId?: string;
  topic: string;
  kind: InspectionKind;
  dates?: [Dayjs, Dayjs];
  targetOrgIds?: string[];
  methods?: string[];
  report?: string;
  findings: { orgId?: string; category?: string; description?: string }[];
}

function InspectionDrawer(props: { open: boolean; orgs: OrgNode[]; onClose(): void; onCreated(i: InspectionView): void }) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const create = useMutation({ mutationFn: (body: CreateInspectionRequest) => createInspection(body) });
  useEffect(() => {
    if (props.open) setError(null);
  }, [props.open]);

  const save = async (v: Values) => {
    setError(null);
    try {
      const i = await create.mutateAsync({
        orgId: v.orgId!,
        topic: v.topic.trim(),
        kind: v.kind,
        from: v.dates![0].format('YYYY-MM-DD'),
        to: v.dates![1].format('YYYY-MM-DD'),
        targetOrgIds: v.targetOrgIds ?? [],
        methods: v.methods?.length ? v.methods : undefined,
        report: v.report?.trim() || undefined,
        findings: toFindings(v.findings),
      });
      props.onCreated(i);
    } catch (e) {
      const path = (f: string) => (f === 'from' || f === 'to' ? ['dates'] : FIELDS.includes(f) ? [f] : findingPath(f));
      setError(fieldErrorsOr(form, e, '保存失败，请重试', path));
    }
  };

  return (
    <FormDrawer
      title="新建检查"
      open={props.open}
      onClose={props.onClose}
      onSave={() => form.submit()}
      saving={create.isPending}
      size={640}
      testId="inspection-drawer"
      saveTestId="inspection-save"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="inspection-form-error" />}
      <Form
        form={form}
        layout="vertical"
        name="inspection"
        onFinish={(v) => void save(v)}
        initialValues={{ kind: 'special', findings: [] }}
        preserve={false}
      >
        <Form.Item name="orgId" label="检查单位" rules={[{ required: true, message: '请选择检查单位' }]}>
          <OrgKindSelect orgs={props.orgs} kinds={INSPECTORS} testId="inspection-org" width="100%" />
        </Form.Item>
        <Form.Item
          name="topic"
          label="检查主题"
          rules={[{ required: true, whitespace: true, message: '请填写检查主题' }, maxChars('检查主题', LIMITS.inspectionTopic)]}
        >
          <Input maxLength={LIMITS.inspectionTopic} placeholder="如：“三会一课”制度落实情况专项检查" />
        </Form.Item>
        <Form.Item name="kind" label="检查类型" rules={[{ required: true, message: '请选择检查类型' }]}>
          <Select
            data-testid="inspection-kind"
            options={INSPECTION_KINDS.map((k) => ({ value: k, label: INSPECTION_KIND_LABELS[k] }))}
            style={{ width: 200 }}
          />
        </Form.Item>
        <Form.Item name="dates" label="检查时间" rules={[{ required: true, message: '请选择检查时间' }]}>
          <DatePicker.RangePicker data-testid="inspection-dates" />
        </Form.Item>
        <Form.Item name="targetOrgIds" label="检查对象" rules={[{ required: true, type: 'array', min: 1, message: '请选择被检查的组织' }]}>
          <OrgMultiSelect orgs={props.orgs} />
        </Form.Item>
        <Form.Item name="methods" label="检查方式">
          <Checkbox.Group options={INSPECTION_METHODS.map((m) => ({ value: m, label: m }))} data-testid="inspection-methods" />
        </Form.Item>
        <Form.Item name="report" label="检查情况" rules={[maxChars('检查情况', LIMITS.inspectionReport)]}>
          <Input.TextArea rows={4} maxLength={LIMITS.inspectionReport} />
        </Form.Item>
        <div style={{ fontWeight: 500, marginBottom: 8 }}>发现的问题（保存后登记到问题清单）</div>
        <FindingsEditor orgs={props.orgs} />
      </Form>
    </FormDrawer>
  );
}
