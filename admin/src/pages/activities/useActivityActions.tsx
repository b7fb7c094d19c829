/** 发布 (活动预告) and 取消活动, each behind a confirmation; shared by the list and the detail page. */
import type { ActivityView } from '@djzy/shared';
import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { activityKeys, cancelActivity, publishActivity } from '../../api/activities';

/** Who an activity is for, in a sentence: 红旗村党支部的支部委员会成员及列席人员. */
function audienceText(a: ActivityView): string {
  const att = a.attendees;
  if (!att) return `${a.orgName}的党员`;
  const base = att.scope === 'org' ? `${a.orgName}的党员` : att.scope === 'committee' ? `${a.orgName}的支部委员会成员` : '指定的参会人员';
  const more = [att.scope !== 'members' && att.extras.length ? '另行邀请的人员' : '', att.observers.length ? '列席人员' : ''].filter(
    Boolean,
  );
  return more.length ? `${base}及${more.join('、')}` : base;
}

/** 发布 and 取消活动 with their confirmations; the activity queries load again after either. */
export function useActivityActions() {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const onDone = () => void queryClient.invalidateQueries({ queryKey: activityKeys.all });
  const publish = (a: ActivityView) =>
    modal.confirm({
      title: '发布活动预告',
      content: `发布后，${audienceText(a)}将在小程序中看到“${a.title}”，已绑定微信的会收到订阅提醒；发布后不能再修改。确定发布吗？`,
      okText: '发布',
      cancelText: '取消',
      onOk: async () => {
        const saved = await publishActivity(a.id).catch(() => null);
        if (!saved) return;
        message.success('已发布活动预告');
        onDone();
      },
    });
  const cancel = (a: ActivityView) =>
    modal.confirm({
      title: '取消活动',
      content: `确定取消“${a.title}”吗？取消后党员不能再签到或请假。`,
      okText: '取消活动',
      okButtonProps: { danger: true },
      cancelText: '返回',
      onOk: async () => {
        const saved = await cancelActivity(a.id).catch(() => null);
        if (!saved) return;
        message.success('活动已取消');
        onDone();
      },
    });
  return { publish, cancel };
}
