/**
 * A multi-select of the published materials of 党员小书包 that members of one org can see: the
 * org's own, its parents' and those of orgs above the caller's scope. Used by online study
 * activities (网络学习) and study plans (学习计划); the server checks the choice again.
 */
import { MATERIAL_KIND_LABELS, MAX_PAGE_SIZE, type MaterialKind, type OrgNode, type StudyMaterialView } from '@djzy/shared';
import { Select, Tag } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { listMaterials } from '../../api/study';
import { flattenOrgs } from '../points/OrgTreeSelect';

/** A material already chosen (e.g. of the activity or plan being edited), named before the list loads. */
export interface KnownMaterial {
  id: string;
  title: string;
  kind: MaterialKind;
}

/**
 * Every published material of the caller's scope (null while loading); at most 5 pages. Loaded
 * each time `active` turns true (a form opening), so a material published meanwhile is offered.
 */
export function usePublishedMaterials(active: boolean): StudyMaterialView[] | null {
  const [items, setItems] = useState<StudyMaterialView[] | null>(null);
  useEffect(() => {
    if (!active) return;
    let live = true;
    (async () => {
      const all: StudyMaterialView[] = [];
      for (let page = 1; page <= 5; page++) {
        const p = await listMaterials({ status: 'published', page, pageSize: MAX_PAGE_SIZE });
        all.push(...p.items);
        if (all.length >= p.total || !p.items.length) break;
      }
      return all;
    })().then(
      (all) => live && setItems(all),
      () => live && setItems([]),
    );
    return () => {
      live = false;
    };
  }, [active]);
  return items;
}

/**
 * Whether members of `orgId` can see a material of `materialOrgId`: the same org or one above it.
 * An org missing from the caller's tree is above the caller's scope, hence above every org in it.
 */
export function visibleTo(orgs: OrgNode[], orgId: string | null | undefined, materialOrgId: string): boolean {
  if (!orgId) return true;
  const byId = new Map(flattenOrgs(orgs).map((o) => [o.id, o] as [string, OrgNode]));
  if (!byId.has(materialOrgId)) return true;
  for (let o = byId.get(orgId); o; o = o.parentId ? byId.get(o.parentId) : undefined) if (o.id === materialOrgId) return true;
  return false;
}

/** Props of MaterialSelect (a form control: `value` / `onChange`). */
export interface MaterialSelectProps {
  materials: StudyMaterialView[] | null;
  orgs: OrgNode[];
  /** The org whose members study them: materials they cannot see are not offered. */
  orgId?: string | null;
  known?: KnownMaterial[];
  max: number;
  value?: string[];
  onChange?(ids: string[]): void;
  id?: string;
  testId?: string;
}

interface Option {
  value: string;
  label: string;
  kind: MaterialKind;
}

/** The material multi-select. */
export function MaterialSelect(props: MaterialSelectProps) {
  const { materials, orgs, orgId, known, value } = props;
  const options = useMemo(() => {
    const list: Option[] = (materials ?? [])
      .filter((m) => visibleTo(orgs, orgId, m.orgId) || value?.includes(m.id))
      .map((m) => ({ value: m.id, label: m.title, kind: m.kind }));
    // Keep chosen materials named even when they are no longer published.
    for (const k of known ?? []) if (!list.some((o) => o.value === k.id)) list.push({ value: k.id, label: k.title, kind: k.kind });
    return list;
  }, [materials, orgs, orgId, known, value]);

  return (
    <Select<string[], Option>
      id={props.id}
      data-testid={props.testId}
      mode="multiple"
      value={value}
      onChange={(ids) => props.onChange?.(ids)}
      options={options}
      loading={materials === null}
      placeholder={`从党员小书包中选择，最多 ${props.max} 份`}
      maxCount={props.max}
      showSearch={{ optionFilterProp: 'label' }}
      notFoundContent={materials === null ? '正在加载…' : '没有可选的已发布资料'}
      optionRender={(o) => (
        <span data-testid={`material-option-${o.value}`}>
          <Tag style={{ marginInlineEnd: 6 }}>{MATERIAL_KIND_LABELS[o.data.kind]}</Tag>
          {o.data.label}
        </span>
      )}
    />
  );
}
