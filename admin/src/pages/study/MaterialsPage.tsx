/**
 * 党员小书包: the learning kit of the caller's scope (drafts too) — search by title or tag, filter
 * by 必学 and status, 新增资料 / 编辑, and 发布 / 撤回. Reading time is only the bar for completion;
 * nothing here reports how long anyone studied.
 */
import { PlusOutlined } from '@ant-design/icons';
import { LIMITS, MATERIAL_KIND_LABELS, type MaterialKind, type StudyMaterialView } from '@djzy/shared';
import { App, Button, Card, Input, Select, Space, Spin, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { setMaterialStatus, studyKeys, useMaterials } from '../../api/study';
import { PagedTable, TitleCell } from '../../components/PagedTable';
import { usePaging } from '../../hooks/usePaging';
import { flattenOrgs } from '../../components/OrgTreeSelect';
import { useOrgs } from '../../hooks/useOrgs';
import { MaterialFormDrawer } from './MaterialFormDrawer';
import { MaterialStatusTag } from './labels';

interface Filters {
  q: string;
  tag: string;
  required: boolean | null;
  status: 'draft' | 'published' | null;
}

/** The learning kit screen. */
export function MaterialsPage() {
  const orgs = useOrgs();
  const { message, modal } = App.useApp();
  const [filters, setFilters] = useState<Filters>({ q: '', tag: '', required: null, status: null });
  const [qInput, setQInput] = useState('');
  const [tagInput, setTagInput] = useState('');
  const paging = usePaging();
  const queryClient = useQueryClient();
  const list = useMaterials({
    q: filters.q || undefined,
    tag: filters.tag || undefined,
    required: filters.required ?? undefined,
    status: filters.status ?? undefined,
    page: paging.page,
    pageSize: paging.pageSize,
  });
  const [editing, setEditing] = useState<{ material: StudyMaterialView | null } | null>(null);
  // Every tag seen on a page so far, offered in the form.
  const [knownTags, setKnownTags] = useState<string[]>([]);
  useEffect(() => {
    if (list.data) setKnownTags((known) => [...new Set([...known, ...list.data.items.flatMap((m) => m.tags)])]);
  }, [list.data]);
  const reload = () => void queryClient.invalidateQueries({ queryKey: studyKeys.materials });

  // Materials of an org above the caller's scope (the county's, for a township admin) are read-only.
  const manageable = useMemo(() => new Set(flattenOrgs(orgs ?? []).map((o) => o.id)), [orgs]);

  const setFilter = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    paging.firstPage();
  };

  const toggleStatus = (m: StudyMaterialView) => {
    const publish = m.status === 'draft';
    modal.confirm({
      title: publish ? '发布资料' : '撤回资料',
      content: publish
        ? `发布后，${m.orgName}的党员将在党员小书包里看到“${m.title}”。确定发布吗？`
        : `撤回后“${m.title}”变为草稿，党员暂时看不到它（已完成的记录保留）。确定撤回吗？`,
      okText: publish ? '发布' : '撤回',
      cancelText: '取消',
      onOk: async () => {
        const saved = await setMaterialStatus(m.id, publish ? 'published' : 'draft').catch(() => null);
        if (!saved) return;
        message.success(publish ? '已发布' : '已撤回为草稿');
        reload();
      },
    });
  };

  const columns: ColumnsType<StudyMaterialView> = [
    {
      title: '标题',
      dataIndex: 'title',
      ellipsis: true,
      render: (t: string, m) => <TitleCell title={t} note={m.summary} testId="material-title" />,
    },
    {
      title: '类型',
      dataIndex: 'kind',
      width: 150,
      render: (k: MaterialKind, m) => (
        <>
          {MATERIAL_KIND_LABELS[k]}
          {m.fileId && (
            <Tag style={{ marginInlineStart: 6 }} title="已上传的文件" data-testid="material-uploaded">
              上传
            </Tag>
          )}
          {m.quizMode !== 'none' && <Tag style={{ marginInlineStart: 6 }}>测验</Tag>}
        </>
      ),
    },
    {
      title: '标签',
      dataIndex: 'tags',
      width: 200,
      render: (tags: string[]) =>
        tags.map((t) => (
          <Tag key={t} style={{ cursor: 'pointer' }} onClick={() => (setTagInput(t), setFilter({ tag: t }))} title="按此标签筛选">
            {t}
          </Tag>
        )),
    },
    { title: '面向组织', dataIndex: 'orgName', width: 160, ellipsis: true },
    {
      title: '必学',
      dataIndex: 'required',
      width: 70,
      render: (r: boolean) => (r ? <Tag color="red">必学</Tag> : <Typography.Text type="secondary">选学</Typography.Text>),
    },
    { title: '状态', dataIndex: 'status', width: 80, render: (s: StudyMaterialView['status']) => <MaterialStatusTag status={s} /> },
    {
      title: '操作',
      key: 'actions',
      width: 130,
      render: (_, m) =>
        manageable.has(m.orgId) ? (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => setEditing({ material: m })} data-testid={`material-edit-${m.id}`}>
              编辑
            </Button>
            <Button type="link" size="small" onClick={() => toggleStatus(m)} data-testid={`material-toggle-${m.id}`}>
              {m.status === 'draft' ? '发布' : '撤回'}
            </Button>
          </Space>
        ) : (
          <Typography.Text type="secondary" title="上级组织的资料，由上级维护">
            上级资料
          </Typography.Text>
        ),
    },
  ];

  return (
    <Card size="small" title="党员小书包">
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          data-testid="material-search"
          allowClear
          placeholder="搜索标题"
          maxLength={LIMITS.search}
          style={{ width: 220 }}
          value={qInput}
          onChange={(e) => setQInput(e.target.value)}
          onSearch={(v) => setFilter({ q: v.trim() })}
        />
        <Input.Search
          data-testid="material-tag-filter"
          allowClear
          placeholder="按标签筛选"
          maxLength={LIMITS.tag}
          style={{ width: 180 }}
          value={tagInput}
          onChange={(e) => setTagInput(e.target.value)}
          onSearch={(v) => setFilter({ tag: v.trim() })}
        />
        <Select<'yes' | 'no'>
          allowClear
          placeholder="必学 / 选学"
          style={{ width: 120 }}
          value={filters.required === null ? undefined : filters.required ? 'yes' : 'no'}
          onChange={(v) => setFilter({ required: v === undefined ? null : v === 'yes' })}
          options={[
            { value: 'yes', label: '必学' },
            { value: 'no', label: '选学' },
          ]}
        />
        <Select<'draft' | 'published'>
          allowClear
          placeholder="全部状态"
          style={{ width: 120 }}
          value={filters.status ?? undefined}
          onChange={(v) => setFilter({ status: v ?? null })}
          options={[
            { value: 'published', label: '已发布' },
            { value: 'draft', label: '草稿' },
          ]}
        />
        {orgs === null ? (
          <Spin size="small" />
        ) : (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ material: null })} data-testid="material-new">
            新增资料
          </Button>
        )}
      </Space>
      <PagedTable<StudyMaterialView> columns={columns} list={list} data-testid="material-table" paging={paging} unit="份" />
      <MaterialFormDrawer
        open={!!editing}
        material={editing?.material ?? null}
        orgs={orgs ?? []}
        knownTags={knownTags}
        onClose={() => setEditing(null)}
        onSaved={() => setEditing(null)}
      />
    </Card>
  );
}
