/**
 * A multi-select of the published materials of 党员小书包 that members of one org can be given
 * (the server answers which: `GET /study/materials?forOrgId=`, and checks the choice again on
 * save). Used by online study activities (网络学习) and study plans (学习计划).
 */
import { MATERIAL_KIND_LABELS, type MaterialKind, type StudyMaterialView } from '@djzy/shared';
import { Select, Tag } from 'antd';
import { useMemo } from 'react';
import { usePublishedMaterialList } from '../../api/study';

/** A material already chosen (e.g. of the activity or plan being edited), named before the list loads. */
export interface KnownMaterial {
  id: string;
  title: string;
  kind: MaterialKind;
}

/**
 * The published materials members of `orgId` can be given (null while loading); at most 5 pages.
 * Loaded each time `active` turns true (a form opening) or the org changes, so a material
 * published meanwhile is offered.
 */
export function usePublishedMaterials(active: boolean, orgId: string | null | undefined): StudyMaterialView[] | null {
  const list = usePublishedMaterialList(active, orgId ?? null);
  return list.isError ? [] : (list.data ?? null);
}

/** Props of MaterialSelect (a form control: `value` / `onChange`). */
export interface MaterialSelectProps {
  /** What `usePublishedMaterials` loaded for the org. */
  materials: StudyMaterialView[] | null;
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
  const { materials, known, value } = props;
  const options = useMemo(() => {
    const list: Option[] = (materials ?? []).map((m) => ({ value: m.id, label: m.title, kind: m.kind }));
    // Keep chosen materials named even when they are no longer published.
    for (const k of known ?? []) if (!list.some((o) => o.value === k.id)) list.push({ value: k.id, label: k.title, kind: k.kind });
    return list;
  }, [materials, known]);

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
