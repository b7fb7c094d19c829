import { useEffect, useState } from 'react';
import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ROLE_LABELS, maskPhone, type MeResponse } from '@djzy/shared';
import InfoRow from '../../components/InfoRow';
import { useMe } from '../../hooks/useMe';
import { ROUTES } from '../../routes';
import { getMyMobility, listMobileMembers } from '../../services/mobility';
import { listMyProblems } from '../../services/problems';
import { getMyLiaisons, listMyDeeds } from '../../services/liaison';
import { listMyAssessments, listMyDutyReports } from '../../services/review';
import { clearToken } from '../../services/session';
import { getMyDevelopment } from '../../services/development';

/** The member's roles in Chinese, each with the org it is held on, without repeats. */
function roleLines(me: MeResponse): string[] {
  const lines = me.roles.map((r) => `${ROLE_LABELS[r.role] ?? r.role}（${r.orgName}）`);
  return Array.from(new Set(lines));
}

/** 我的: the member's own details, points and notices, complaints and suggestions, sign-out. */
export default function MinePage() {
  const { me, error } = useMe();
  const [isMobile, setIsMobile] = useState(false);
  const [isCadre, setIsCadre] = useState(false);
  const [hasTasks, setHasTasks] = useState(false);
  const [hasLiaisons, setHasLiaisons] = useState(false);
  const [hasDeeds, setHasDeeds] = useState(false);
  const [hasCase, setHasCase] = useState(false);
  const [hasDutyReport, setHasDutyReport] = useState(false);
  const [hasAssessment, setHasAssessment] = useState(false);

  // Asked once /me has answered (each time the page shows), so a dead token makes one 401 only.
  useEffect(() => {
    if (!me) return;
    // 我的整改任务: only for a member some problem was assigned to (the server lists them).
    if (me.memberId) {
      listMyProblems(1, { silent: true })
        .then((res) => setHasTasks(res.total > 0))
        .catch(() => setHasTasks(false));
      // 联户联系 and 我的办实事: only for a member with a link, or deeds to do (the server lists them).
      getMyLiaisons({ silent: true })
        .then((res) => setHasLiaisons(res.liaisons.length > 0))
        .catch(() => setHasLiaisons(false));
      listMyDeeds(1, { silent: true })
        .then((res) => setHasDeeds(res.total > 0))
        .catch(() => setHasDeeds(false));
      // 我的入党进度: only for someone whose 发展党员 case is under way (the server says so).
      getMyDevelopment({ silent: true })
        .then((c) => setHasCase(c.status === 'active' || c.status === 'extended'))
        .catch(() => setHasCase(false));
      // 我的述职报告: only for a secretary the township asked for one (the server lists them).
      listMyDutyReports({ silent: true })
        .then((list) => setHasDutyReport(list.length > 0))
        .catch(() => setHasDutyReport(false));
      listMyAssessments({ silent: true })
        .then((list) => setHasAssessment(list.length > 0))
        .catch(() => setHasAssessment(false));
    } else {
      setHasCase(false);
      setHasDutyReport(false);
      setHasAssessment(false);
      setHasTasks(false);
      setHasLiaisons(false);
      setHasDeeds(false);
    }
    // 流动党员: only for a member who is one (the server says so).
    if (me.kind === 'member') {
      getMyMobility({ silent: true })
        .then((m) => setIsMobile(m.isMobile))
        .catch(() => setIsMobile(false));
    }
    // 我联系的流动党员: a contact cadre, or a plain member the server gives assignees to.
    if (me.roles.some((r) => r.role === 'contact_cadre')) {
      setIsCadre(true);
      return;
    }
    if (me.kind !== 'member' || me.roles.length > 0) {
      setIsCadre(false);
      return;
    }
    listMobileMembers({ silent: true })
      .then((res) => setIsCadre(res.items.length > 0))
      .catch(() => setIsCadre(false));
  }, [me]);

  // The entries below the profile: the mobile ones only for whom they concern.
  const entries = [
    ...(isMobile ? [{ id: 'entry-mobility', text: '流动党员', url: ROUTES.myMobility }] : []),
    ...(isCadre ? [{ id: 'entry-mobile-cadre', text: '我联系的流动党员', url: ROUTES.mobileCadre }] : []),
    { id: 'entry-points', text: '我的积分', url: ROUTES.points },
    ...(me?.memberId ? [{ id: 'entry-org-life', text: '我的组织生活', url: ROUTES.myOrgLife }] : []),
    ...(me?.memberId
      ? [
          { id: 'entry-dues', text: '我的党费', url: ROUTES.myDues },
          { id: 'entry-member-year', text: '评议与转接', url: ROUTES.myMemberYear },
        ]
      : []),
    { id: 'entry-notices', text: '评比通报', url: ROUTES.notices },
    { id: 'entry-rectifications', text: '整改通知', url: ROUTES.rectifications },
    ...(hasTasks ? [{ id: 'entry-problems', text: '我的整改任务', url: ROUTES.problems }] : []),
    ...(hasLiaisons ? [{ id: 'entry-liaison', text: '联户联系', url: ROUTES.liaison }] : []),
    ...(hasDeeds || hasLiaisons ? [{ id: 'entry-deeds', text: '我的办实事', url: ROUTES.myDeeds }] : []),
    ...(me?.roles.some((r) => r.role === 'branch_secretary' || r.role === 'branch_committee')
      ? [{ id: 'entry-development', text: '发展党员', url: ROUTES.development }]
      : hasCase
        ? [{ id: 'entry-development', text: '我的入党进度', url: ROUTES.development }]
        : []),
    ...(hasDutyReport ? [{ id: 'entry-duty-report', text: '我的述职报告', url: ROUTES.dutyReport }] : []),
    ...(hasAssessment ? [{ id: 'entry-assessment', text: '我的百分制考核', url: ROUTES.myAssessment }] : []),
    { id: 'entry-feedback', text: '投诉建议', url: ROUTES.feedback },
  ];

  const onLogout = async () => {
    const { confirm } = await Taro.showModal({
      title: '退出登录',
      content: '确定要退出登录吗？',
      confirmText: '退出',
      cancelText: '取消',
      confirmColor: '#c8161d',
    });
    if (!confirm) return;
    clearToken();
    Taro.reLaunch({ url: ROUTES.login });
  };

  return (
    <View className="page mine">
      <View className="card" id="profile">
        {me ? (
          <>
            <View className="card-title" id="mine-name">
              {me.name}
            </View>
            <InfoRow label="所在支部" id="mine-branch">
              {me.branchName ?? me.orgName ?? '未分配'}
            </InfoRow>
            {me.orgName && me.orgName !== me.branchName && (
              <InfoRow label="所在组织" id="mine-org">
                {me.orgName}
              </InfoRow>
            )}
            <InfoRow label="手机号" id="mine-phone">
              {maskPhone(me.phone) ?? '未登记'}
            </InfoRow>
            {me.roles.length > 0 && (
              <InfoRow label="职务" id="mine-roles">
                {roleLines(me).map((line) => (
                  <View key={line}>{line}</View>
                ))}
              </InfoRow>
            )}
            {me.isMobile && <View className="muted">流动党员</View>}
          </>
        ) : (
          <View className="muted">{error ?? '正在加载…'}</View>
        )}
      </View>

      {entries.map((e) => (
        <View key={e.id} className="card entry" id={e.id} onClick={() => Taro.navigateTo({ url: e.url })}>
          <View className="entry-text">{e.text}</View>
          <View className="entry-arrow">›</View>
        </View>
      ))}

      <Button id="logout" className="btn-secondary" onClick={onLogout}>
        退出登录
      </Button>
    </View>
  );
}
