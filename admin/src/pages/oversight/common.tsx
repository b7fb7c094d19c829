/** What the 督查通报, 专项检查, 约谈 and 责任清单 screens share. */
import { ORG_KIND_LABELS, type OrgKind, type OrgNode } from '@djzy/shared';
import { Select } from 'antd';
import { useMemo } from 'react';
import { flattenOrgs } from '../../components/OrgTreeSelect';

/** A select of the caller's orgs of some kinds (e.g. the townships an issuer is chosen from). */
export function OrgKindSelect(props: {
  orgs: OrgNode[];
  kinds: OrgKind[];
  value?: string;
  onChange?(v: string): void;
  testId: string;
  width?: number | string;
  id?: string;
}) {
  const options = useMemo(
    () =>
      flattenOrgs(props.orgs)
        .filter((o) => props.kinds.includes(o.kind))
        .map((o) => ({ value: o.id, label: o.name, kind: o.kind })),
    [props.orgs, props.kinds],
  );
  return (
    <Select
      id={props.id}
      data-testid={props.testId}
      style={{ width: props.width ?? 260 }}
      value={props.value}
      onChange={(v: string) => props.onChange?.(v)}
      options={options}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder="选择组织"
      optionRender={(o) => (
        <span data-testid={`org-kind-option-${o.value}`}>
          {o.label}
          <span style={{ color: '#999', marginInlineStart: 6, fontSize: 12 }}>{ORG_KIND_LABELS[o.data.kind as OrgKind]}</span>
        </span>
      )}
    />
  );
}

export const TOWNSHIP: OrgKind[] = ['township'];
