/** An org picker over the caller's org tree (searchable by name). */
import { ORG_KIND_LABELS, type OrgNode } from '@djzy/shared';
import { Button, Spin, TreeSelect } from 'antd';
import { useMemo, type ReactNode } from 'react';

interface OrgOption {
  value: string;
  title: ReactNode;
  name: string;
  children?: OrgOption[];
}

function toOptions(nodes: OrgNode[]): OrgOption[] {
  return nodes.map((n) => ({
    value: n.id,
    name: n.name,
    title: (
      <span data-testid={`org-option-${n.id}`}>
        {n.name}
        <span style={{ color: '#999', marginInlineStart: 6, fontSize: 12 }}>{ORG_KIND_LABELS[n.kind]}</span>
      </span>
    ),
    children: n.children.length ? toOptions(n.children) : undefined,
  }));
}

/** Ids of the county and township nodes: open by default so every branch is one click away. */
export function upperLevelIds(nodes: OrgNode[]): string[] {
  return nodes.flatMap((n) => (n.kind === 'county' || n.kind === 'township' ? [n.id, ...upperLevelIds(n.children)] : []));
}

/** Depth-first list of every org in the tree. */
export function flattenOrgs(nodes: OrgNode[]): OrgNode[] {
  return nodes.flatMap((n) => [n, ...flattenOrgs(n.children)]);
}

/** Props of OrgTreeSelect. */
export interface OrgTreeSelectProps {
  orgs: OrgNode[];
  value: string | null;
  onChange(orgId: string): void;
  width?: number;
  testId?: string;
}

/** A TreeSelect of the org tree with county and townships open. */
export function OrgTreeSelect({ orgs, value, onChange, width = 260, testId = 'org-select' }: OrgTreeSelectProps) {
  const treeData = useMemo(() => toOptions(orgs), [orgs]);
  const expanded = useMemo(() => upperLevelIds(orgs), [orgs]);
  return (
    <TreeSelect
      data-testid={testId}
      style={{ width }}
      treeData={treeData}
      value={value ?? undefined}
      onChange={(v: string) => v && onChange(v)}
      treeNodeFilterProp="name"
      treeNodeLabelProp="name"
      treeDefaultExpandedKeys={expanded}
      showSearch
      placeholder="选择组织"
      popupMatchSelectWidth={false}
    />
  );
}

/** Props of OrgFilter: the org tree (null while loading) and the filter's org (null: all orgs). */
export interface OrgFilterProps {
  orgs: OrgNode[] | null;
  value: string | null;
  onChange(orgId: string | null): void;
  testId: string;
  clearTestId?: string;
}

/** A list's org filter: the picker (a spinner while the tree loads) and 全部组织 to clear it. */
export function OrgFilter(props: OrgFilterProps) {
  return (
    <>
      {props.orgs === null ? (
        <Spin size="small" />
      ) : (
        <OrgTreeSelect orgs={props.orgs} value={props.value} onChange={props.onChange} testId={props.testId} />
      )}
      {props.value && (
        <Button size="small" type="link" onClick={() => props.onChange(null)} data-testid={props.clearTestId}>
          全部组织
        </Button>
      )}
    </>
  );
}
