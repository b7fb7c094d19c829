/**
 * A member picker that searches the roster on the server (`GET /members?orgId=&q=`) by name as
 * the user types. It does not judge who may be a contact cadre: the server does, and the form
 * shows its answer.
 */
import type { MemberSummary } from '@djzy/shared';
import { Select } from 'antd';
import { useMemo, useState } from 'react';
import { useMembers } from '../api/members';
import { useDebounced } from '../hooks/useDebounced';

/** A member already chosen, shown before any search (e.g. the current contact cadre). */
export interface PickedMember {
  id: string;
  name: string;
  note?: string | null;
}

/** Props of MemberSearchSelect. */
export interface MemberSearchSelectProps {
  /** Where to search when the user types a name. */
  orgId: string | null;
  /** Where to list members before anything is typed (defaults to `orgId`). */
  browseOrgId?: string | null;
  value?: string;
  onChange?(memberId: string | undefined): void;
  initial?: PickedMember | null;
  /** Members never offered (e.g. the mobile member themself as their own cadre). */
  exclude?: string[];
  /** Offer only members not yet registered as mobile. */
  notMobile?: boolean;
  placeholder?: string;
  id?: string;
  testId?: string;
  autoFocus?: boolean;
}

interface Option {
  value: string;
  label: string;
  note: string;
}

const toOption = (m: MemberSummary): Option => ({
  value: m.id,
  label: m.name,
  note: [m.branchName ?? m.orgName, m.phone].filter(Boolean).join(' · '),
});

/** The searchable member select. */
export function MemberSearchSelect(props: MemberSearchSelectProps) {
  const { orgId, browseOrgId, initial, exclude, notMobile } = props;
  const [typed, setQ] = useState('');
  // Wait for a pause in typing: one request per name, not per keystroke.
  const q = useDebounced(typed, typed ? 300 : 0);
  const scope = q ? orgId : (browseOrgId ?? orgId);
  const search = useMembers(scope ? { orgId: scope, q: q || undefined, pageSize: 50 } : null);
  const loading = search.isFetching;
  const found = useMemo(
    // Filtered here: the wrapper leaves `mobile=false` out of the query string.
    () => (search.isError ? [] : (search.data?.items ?? []).filter((m) => !notMobile || !m.isMobile).map(toOption)),
    [search.data, search.isError, notMobile],
  );

  const options = useMemo(() => {
    const skip = new Set(exclude ?? []);
    const list = found.filter((o) => !skip.has(o.value));
    // Keep the chosen member selectable (and named) even when the search no longer lists them.
    if (initial && !list.some((o) => o.value === initial.id))
      list.unshift({ value: initial.id, label: initial.name, note: initial.note ?? '' });
    return list;
  }, [found, exclude, initial]);

  return (
    <Select<string, Option>
      id={props.id}
      autoFocus={props.autoFocus}
      data-testid={props.testId}
      value={props.value}
      onChange={(v) => props.onChange?.(v)}
      options={options}
      loading={loading}
      allowClear
      placeholder={props.placeholder ?? '输入姓名搜索'}
      showSearch={{ filterOption: false, onSearch: setQ }}
      notFoundContent={loading ? '正在搜索…' : '没有找到该党员'}
      optionRender={(o) => (
        <span data-testid={`member-option-${o.value}`}>
          {o.data.label}
          {o.data.note && <span style={{ color: '#999', marginInlineStart: 8, fontSize: 12 }}>{o.data.note}</span>}
        </span>
      )}
    />
  );
}
