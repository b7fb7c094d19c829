/**
 * 参会人员 of the activity form, under the name `attendees`: the audience (参会范围: the kind's
 * default, 本组织全体党员, 支部委员会成员 or 指定人员), those also invited and counted in 应到
 * (另行邀请) and those who sit in (列席, never counted, no points). People are searched by name in
 * the activity's township (the server refuses anyone from elsewhere, and a 指定人员 audience with
 * nobody named, with a field message the form shows under the picker). 下发 carries the scope only:
 * the server refuses named people there (each branch names its own).
 */
import {
  ACTIVITY_KIND_LABELS,
  ATTENDEE_SCOPE_LABELS,
  type ActivityKind,
  type ActivityView,
  type AttendeeScope,
  type AttendeesInput,
  defaultAttendeeScope,
  type NamedMember,
  type OrgNode,
} from '@djzy/shared';
import { Form, Radio, Typography } from 'antd';
import { MemberMultiSelect } from '../../components/MemberMultiSelect';
import { flattenOrgs } from '../../components/OrgTreeSelect';

/** What the form holds: `default` or a stored scope, and the ids named. */
export interface AttendeesValues {
  scope?: 'default' | AttendeeScope;
  extraMemberIds?: string[];
  observerMemberIds?: string[];
}

/** The form's values of a saved activity: its scope is `default` while it is the kind's. */
export function attendeesValues(a: Pick<ActivityView, 'kind' | 'attendees'>): AttendeesValues {
  const att = a.attendees;
  if (!att) return { scope: 'default', extraMemberIds: [], observerMemberIds: [] };
  return {
    scope: att.scope === defaultAttendeeScope(a.kind) ? 'default' : att.scope,
    extraMemberIds: att.extras.map((m) => m.id),
    observerMemberIds: att.observers.map((m) => m.id),
  };
}

/**
 * What a save sends: the scope, and on a single activity the people named (always both lists on
 * an edit, so a PATCH clears whom the user removed).
 */
export function attendeesInput(v: AttendeesValues | undefined, opts: { batch: boolean; editing: boolean }): AttendeesInput {
  const scope = v?.scope ?? 'default';
  if (opts.batch) return { scope };
  const extras = v?.extraMemberIds ?? [];
  const observers = v?.observerMemberIds ?? [];
  return {
    scope,
    ...((extras.length || opts.editing) && { extraMemberIds: extras }),
    ...((observers.length || opts.editing) && { observerMemberIds: observers }),
  };
}

/**
 * The form's path of a server field about attendees (`attendees.extraMemberIds`, …), or null
 * when it is not one. `inBatch`: a 下发's field (`activity.…`), whose named pickers are hidden.
 */
export function attendeesFieldPath(field: string, inBatch: boolean): string[] | null | undefined {
  const parts = field.split('.');
  if (parts[0] === 'extraMemberIds') return inBatch ? null : ['attendees', 'extraMemberIds'];
  if (parts[0] !== 'attendees') return undefined;
  if (parts[1] === 'scope') return ['attendees', 'scope'];
  if (parts[1] === 'observerMemberIds') return inBatch ? null : ['attendees', 'observerMemberIds'];
  // `attendees` alone (too many named) and `attendees.extraMemberIds…`.
  return inBatch ? null : ['attendees', 'extraMemberIds'];
}

/**
 * Where named people are searched: the township the org is in (the county for a county
 * activity); for a caller whose tree starts lower, the top of what they see.
 */
export function searchRootOf(orgs: OrgNode[], orgId: string | null | undefined): string | null {
  if (!orgId) return null;
  const all = new Map(flattenOrgs(orgs).map((o) => [o.id, o]));
  let org = all.get(orgId);
  if (!org) return orgId;
  while (org.kind !== 'township' && org.kind !== 'county' && org.parentId && all.has(org.parentId)) org = all.get(org.parentId)!;
  return org.id;
}

/** The label of the kind's own audience: 默认（支委会：支部委员会成员）. */
export const defaultScopeLabel = (kind: ActivityKind | undefined): string =>
  kind ? `默认（${ACTIVITY_KIND_LABELS[kind]}：${ATTENDEE_SCOPE_LABELS[defaultAttendeeScope(kind)]}）` : '默认';

/** Props of AttendeesFields. */
export interface AttendeesFieldsProps {
  kind: ActivityKind | undefined;
  orgId: string | null;
  orgs: OrgNode[];
  /** 下发 to branches: only the scope (each branch names its own people). */
  batch: boolean;
  /** The people a saved draft (or the copied activity) names, for their names before any search. */
  known?: NamedMember[];
  /** The values chosen now (to keep one person out of both lists). */
  extraIds?: string[];
  observerIds?: string[];
  scope?: AttendeesValues['scope'];
}

/** The 参会人员 section of the activity form. */
export function AttendeesFields(props: AttendeesFieldsProps) {
  const { kind, orgId, batch, scope } = props;
  const root = searchRootOf(props.orgs, orgId);
  const options = [
    { value: 'default', label: defaultScopeLabel(kind) },
    // 下发 names nobody, so an audience of named people cannot be one.
    ...(['org', 'committee', 'members'] as const).map((s) => ({
      value: s,
      label: ATTENDEE_SCOPE_LABELS[s],
      disabled: batch && s === 'members',
    })),
  ];
  return (
    <div data-testid="attendees-fields">
      <Typography.Title level={5} style={{ marginTop: 4 }}>
        参会人员
      </Typography.Title>
      <Form.Item
        name={['attendees', 'scope']}
        label="参会范围（应到）"
        rules={[
          {
            validator: (_, v?: string) =>
              batch && v === 'members'
                ? Promise.reject(new Error('下发的活动不能选择“指定人员”，请在各支部的活动中指定'))
                : Promise.resolve(),
          },
        ]}
        extra={
          scope === 'members'
            ? '只有“另行邀请”的人员计入应到'
            : scope === 'committee' || (scope === 'default' && kind && defaultAttendeeScope(kind) === 'committee')
              ? '该组织在任的支部书记、支部委员计入应到'
              : undefined
        }
      >
        <Radio.Group options={options} data-testid="attendees-scope" />
      </Form.Item>
      {batch ? (
        <Typography.Paragraph type="secondary" data-testid="attendees-batch-note">
          下发的活动只能选择参会范围；另行邀请和列席人员请在各支部的活动中指定。
        </Typography.Paragraph>
      ) : (
        <>
          <Form.Item
            name={['attendees', 'extraMemberIds']}
            label="另行邀请（计入应到）"
            extra="参会范围以外、本乡镇的人员；入党申请人、积极分子、发展对象受邀后列为非党员列席，不计入应到"
          >
            <MemberMultiSelect
              orgId={root}
              browseOrgId={orgId}
              known={props.known}
              exclude={props.observerIds}
              placeholder="输入姓名搜索本乡镇的人员"
              testId="attendees-extras"
              disabled={!orgId}
            />
          </Form.Item>
          <Form.Item name={['attendees', 'observerMemberIds']} label="列席人员（不计入应到、不计积分）">
            <MemberMultiSelect
              orgId={root}
              browseOrgId={orgId}
              known={props.known}
              exclude={props.extraIds}
              placeholder="输入姓名搜索本乡镇的人员"
              testId="attendees-observers"
              disabled={!orgId}
            />
          </Form.Item>
        </>
      )}
    </div>
  );
}
