/** The caller's org tree, loaded once per screen (null while loading). */
import type { OrgNode } from '@djzy/shared';
import { useEffect, useState } from 'react';
import { fetchOrgTree } from '../../api/orgs';

export function useOrgs(): OrgNode[] | null {
  const [orgs, setOrgs] = useState<OrgNode[] | null>(null);
  useEffect(() => {
    let live = true;
    fetchOrgTree().then(
      (tree) => live && setOrgs(tree),
      () => live && setOrgs([]),
    );
    return () => {
      live = false;
    };
  }, []);
  return orgs;
}
