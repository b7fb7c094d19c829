import { useEffect, useState } from 'react';
import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ROLE_LABELS, maskPhone, type MeResponse } from '@djzy/shared';
import { useMe } from '../../hooks/useMe';
import { ROUTES } from '../../routes';
import { getMyMobility, listMobileMembers } from '../../services/mobility';
import { clearToken } from '../../services/session';
import './index.scss';

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

  // Asked once /me has answered (each time the page shows), so a dead token makes one 401 only.
  useEffect(() => {
    if (!me) return;
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
            <View className="info-row">
              <View className="info-label">所在支部</View>
              <View className="info-value" id="mine-branch">
                {me.branchName ?? me.orgName ?? '未分配'}
              </View>
            </View>
            {me.orgName && me.orgName !== me.branchName && (
              <View className="info-row">
                <View className="info-label">所在组织</View>
                <View className="info-value" id="mine-org">
                  {me.orgName}
                </View>
              </View>
            )}
            <View className="info-row">
              <View className="info-label">手机号</View>
              <View className="info-value" id="mine-phone">
                {maskPhone(me.phone) ?? '未登记'}
              </View>
            </View>
            {me.roles.length > 0 && (
              <View className="info-row">
                <View className="info-label">职务</View>
                <View className="info-value" id="mine-roles">
                  {roleLines(me).map((line) => (
                    <View key={line}>{line}</View>
                  ))}
                </View>
              </View>
            )}
            {me.isMobile && <View className="muted">流动党员</View>}
          </>
        ) : (
          <View className="muted">{error ?? '正在加载…'}</View>
        )}
      </View>

      {isMobile && (
        <View className="card entry" id="entry-mobility" onClick={() => Taro.navigateTo({ url: ROUTES.myMobility })}>
          <View className="entry-text">流动党员</View>
          <View className="entry-arrow">›</View>
        </View>
      )}

      {isCadre && (
        <View className="card entry" id="entry-mobile-cadre" onClick={() => Taro.navigateTo({ url: ROUTES.mobileCadre })}>
          <View className="entry-text">我联系的流动党员</View>
          <View className="entry-arrow">›</View>
        </View>
      )}

      <View className="card entry" id="entry-points" onClick={() => Taro.navigateTo({ url: ROUTES.points })}>
        <View className="entry-text">我的积分</View>
        <View className="entry-arrow">›</View>
      </View>

      <View className="card entry" id="entry-notices" onClick={() => Taro.navigateTo({ url: ROUTES.notices })}>
        <View className="entry-text">评比通报</View>
        <View className="entry-arrow">›</View>
      </View>

      <View className="card entry" id="entry-rectifications" onClick={() => Taro.navigateTo({ url: ROUTES.rectifications })}>
        <View className="entry-text">整改通知</View>
        <View className="entry-arrow">›</View>
      </View>

      <View className="card entry" id="entry-feedback" onClick={() => Taro.navigateTo({ url: ROUTES.feedback })}>
        <View className="entry-text">投诉建议</View>
        <View className="entry-arrow">›</View>
      </View>

      <Button id="logout" className="btn-secondary" onClick={onLogout}>
        退出登录
      </Button>
    </View>
  );
}
