/** Test data shaped by the shared types, so a contract change breaks the tests at compile time. */
import type { AuthOptionsResponse, MeResponse, SignedIn } from '@djzy/shared';

export const ME: MeResponse = {
  id: '101',
  kind: 'member',
  name: '王秀兰',
  memberId: '101',
  roles: [
    { role: 'branch_secretary', orgId: '11', orgName: '红旗村党支部' },
    { role: 'contact_cadre', orgId: '11', orgName: '红旗村党支部' },
  ],
  orgId: '111',
  orgName: '第一党小组',
  branchId: '11',
  branchName: '红旗村党支部',
  isMobile: false,
  phone: '138****5678',
  demo: false,
};

export const SIGNED_IN: SignedIn = { token: 'tok-abc', expiresIn: 7200, member: ME };

export const OPTIONS_DEMO: AuthOptionsResponse = {
  demoMode: true,
  demoAccounts: [
    { username: 'admin', label: '管理员（控制台账号 admin）' },
    { memberId: '101', label: '王秀兰（红旗村党支部）' },
    { memberId: '102', label: '李建国（红旗村党支部，流动党员）' },
  ],
};
export const OPTIONS_OFF: AuthOptionsResponse = { demoMode: false };
