/**
 * A picker of several people, searched on the server by name (`GET /members?orgId=&q=`) as the
 * user types and shown as 姓名（所在组织）. Before anything is typed it lists the members of
 * `browseOrgId`. It does not judge who may be picked: the server does, and the form shows its
 * answer under the field.
 */
import type { MemberSummary, NamedMember } from '@djzy/shared';
import { Select } from 'antd';
import { useMemo, useState } from 'react';
import { useMembers } from '../api/members';
import { useDebounced } from '../hooks/useDebounced';

/** Props of MemberMultiSelect. */
export interface MemberMultiSelectProps {
  /** Where to search when the user types a name (e.g. the activity's township). */
  orgId: string | null;
  /** Where to list members before anything is typed (defaults to `orgId`). */
  browseOrgId?: string | null;
  value?: string[];
  onChange?(memberIds: string[]): void;
  /** People already chosen (a saved draft's), named before any search. */
  known?: NamedMember[];
  /** People never offered (e.g. those picked in the other list). */
  exclude?: string[];
  placeholder?: string;
  id?: string;
  testId?: string;
  disabled?: boolean;
}

interface Option {
  value: string;
  label: string;
}

/** 姓名（所在组织）. */
export const namedLabel = (m: { name: string; orgName: string }): string => (m.orgName ? `${m.name}（${m.orgName}）` : m.name);

const fromSummary = (m: MemberSummary): NamedMember => ({ id: m.id, name: m.name, orgName: m.orgName });

/** The searchable multiple member select. */
export function MemberMultiSelect(props: MemberMultiSelectProps) {
  const { orgId, browseOrgId, known, exclude } = props;
  const value = useMemo(() => props.value ?? [], [props.value]);
  const [typed, setQ] = useState('');
  // Wait for a pause in typing: one request per name, not per keystroke.
  const q = useDebounced(typed, typed ? 300 : 0);
  const scope = q ? orgId : (browseOrgId ?? orgId);
  const search = useMembers(scope ? { orgId: scope, q: q || undefined, pageSize: 50 } : null);
  const loading = search.isFetching;
  const found = useMemo(() => (search.isError ? [] : (search.data?.items ?? []).map(fromSummary)), [search.data, search.isError]);

  // Those picked from a search, so each keeps their name when a later search no longer lists them.
  const [picked, setPicked] = useState<ReadonlyMap<string, NamedMember>>(new Map());
  const names = useMemo(() => {
    const m = new Map<string, NamedMember>();
    for (const k of known ?? []) m.set(k.id, k);
    for (const [id, k] of picked) m.set(id, k);
    return m;
  }, [known, picked]);

  const options = useMemo(() => {
    const skip = new Set(exclude ?? []);
    const list: Option[] = found.filter((m) => !skip.has(m.id)).map((m) => ({ value: m.id, label: namedLabel(m) }));
    const listed = new Set(list.map((o) => o.value));
    for (const id of value) {
      if (listed.has(id)) continue;
      const m = names.get(id);
      list.unshift({ value: id, label: m ? namedLabel(m) : id });
    }
    return list;
  }, [found, exclude, value, names]);

  return (
    <Select<string[], Option>
      id={props.id}
      mode="multiple"
      data-testid={props.testId}
      value={value}
      onChange={(v) => {
        const fresh = found.filter((m) => v.includes(m.id) && !names.has(m.id));
        if (fresh.length) setPicked((before) => new Map([...before, ...fresh.map((m) => [m.id, m] as const)]));
        setQ('');
        props.onChange?.(v);
      }}
      options={options}
      loading={loading}
      disabled={props.disabled}
      allowClear
      placeholder={props.placeholder ?? '输入姓名搜索'}
      showSearch={{ filterOption: false, onSearch: setQ }}
      notFoundContent={loading ? '正在搜索…' : typed ? '没有找到该人员' : '输入姓名搜索'}
      optionRender={(o) => <span data-testid={`member-option-${o.value}`}>{o.data.label}</span>}
      style={{ width: '100%' }}
    />
  );
}
