/** What a screen over the org tree shows before it has one: a spinner, or that there is none. */
import type { OrgNode } from '@djzy/shared';
import { Empty, Spin } from 'antd';

export function OrgsPending(props: { orgs: OrgNode[] | null }) {
  if (props.orgs === null) return <Spin style={{ display: 'block', marginTop: 80 }} />;
  return <Empty description="您的权限范围内没有组织" />;
}
