/** The org tree (county → townships → branches → groups) as a selectable antd Tree. */
import { ORG_KIND_LABELS, type OrgNode } from '@djzy/shared';
import { Card, Tag, Tree } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useMemo } from 'react';
import { upperLevelIds } from '../../components/OrgTreeSelect';

const KIND_COLORS: Record<OrgNode['kind'], string> = {
  county: 'red',
  township: 'volcano',
  branch: 'gold',
  group: 'default',
};

function toTreeData(nodes: OrgNode[]): DataNode[] {
  return nodes.map((n) => ({
    key: n.id,
    title: (
      <span data-testid={`org-${n.id}`}>
        {n.name}{' '}
        <Tag color={KIND_COLORS[n.kind]} style={{ marginInlineStart: 4 }}>
          {ORG_KIND_LABELS[n.kind]}
        </Tag>
      </span>
    ),
    children: n.children.length ? toTreeData(n.children) : undefined,
  }));
}

/** Props of OrgTree: the tree, the selected org and the selection callback. */
export interface OrgTreeProps {
  orgs: OrgNode[];
  selectedId: string | null;
  onSelect(orgId: string): void;
}

/** The selectable org tree; the member list follows the selected org's subtree. */
export function OrgTree({ orgs, selectedId, onSelect }: OrgTreeProps) {
  const treeData = useMemo(() => toTreeData(orgs), [orgs]);
  const expanded = useMemo(() => upperLevelIds(orgs), [orgs]);
  return (
    <Tree
      blockNode
      treeData={treeData}
      defaultExpandedKeys={expanded}
      selectedKeys={selectedId ? [selectedId] : []}
      // Clicking the selected node again would deselect it; keep a selection instead.
      onSelect={(keys) => keys.length && onSelect(String(keys[0]))}
    />
  );
}

/** The org tree in the left column's card (组织架构), scrolling inside the window's height. */
export function OrgTreeCard(props: OrgTreeProps) {
  return (
    <Card size="small" title="组织架构" styles={{ body: { maxHeight: 'calc(100vh - 180px)', overflow: 'auto' } }} data-testid="org-tree">
      <OrgTree {...props} />
    </Card>
  );
}
