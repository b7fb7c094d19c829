/** The signed-in frame: header with the user and 退出, side menu, and the routed page. */
import {
  ApartmentOutlined,
  AuditOutlined,
  CalendarOutlined,
  FileTextOutlined,
  FundOutlined,
  GiftOutlined,
  HeartOutlined,
  LogoutOutlined,
  ReadOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import { ROLE_LABELS, type MeResponse } from '@djzy/shared';
import { Button, Layout, Menu, Space, Tag, Typography, type MenuProps } from 'antd';
import type { ReactNode } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useSession } from '../auth/session';

// One entry (or group) per capability; later issues add theirs here. Leaf keys are routes.
const MENU: MenuItem[] = [
  {
    key: 'report',
    icon: <FundOutlined />,
    label: '述职考核',
    children: [
      { key: '/report/overview', label: '党建总览' },
      { key: '/report/annual', label: '述职报告' },
      { key: '/report/review', label: '述职评议' },
      { key: '/report/assessment', label: '百分制考核' },
    ],
  },
  { key: '/roster', icon: <ApartmentOutlined />, label: '组织与党员' },
  { key: '/development', icon: <UserAddOutlined />, label: '发展党员' },
  {
    key: 'points',
    icon: <TrophyOutlined />,
    label: '积分管理',
    children: [
      { key: '/points/rules', label: '积分规则' },
      { key: '/points/ranking', label: '积分排名' },
      { key: '/points/distribution', label: '积分分布' },
      { key: '/points/notices', label: '评比通报' },
    ],
  },
  {
    key: 'orglife',
    icon: <CalendarOutlined />,
    label: '组织生活',
    children: [
      { key: '/activities', label: '活动管理' },
      { key: '/rectifications', label: '整改通知' },
      { key: '/org-life', label: '组织生活落实情况' },
    ],
  },
  {
    key: 'mobility',
    icon: <TeamOutlined />,
    label: '流动党员',
    children: [
      { key: '/mobility/members', label: '流动党员台账' },
      { key: '/mobility/cadres', label: '联系干部统计' },
      { key: '/mobility/destinations', label: '去向分布' },
    ],
  },
  {
    key: 'study',
    icon: <ReadOutlined />,
    label: '学习教育',
    children: [
      { key: '/study/materials', label: '党员小书包' },
      { key: '/study/plans', label: '学习计划' },
      { key: '/study/notes', label: '学习心得审核' },
      { key: '/study/completion', label: '学习完成情况' },
    ],
  },
  {
    key: 'oversight',
    icon: <AuditOutlined />,
    label: '监督整改',
    children: [
      { key: '/problems', label: '问题清单' },
      { key: '/feedback', label: '投诉建议' },
      { key: '/oversight/notices', label: '督查通报' },
      { key: '/oversight/inspections', label: '专项检查' },
      { key: '/oversight/interviews', label: '约谈' },
      { key: '/oversight/responsibility', label: '责任清单' },
      { key: '/disclosures', label: '三务公开' },
    ],
  },
  {
    key: 'records',
    icon: <FileTextOutlined />,
    label: '述职台账',
    children: [
      { key: '/records/visits', label: '调研走访' },
      { key: '/records/talks', label: '谈心谈话' },
      { key: '/records/sites', label: '党建阵地' },
      { key: '/records/ratings', label: '支部评定' },
      { key: '/records/commendations', label: '表彰' },
      { key: '/records/posts', label: '村级岗位' },
    ],
  },
  {
    key: 'members-year',
    icon: <GiftOutlined />,
    label: '党员关怀',
    children: [
      { key: '/care/hardships', label: '困难党员' },
      { key: '/care/visits', label: '慰问记录' },
      { key: '/care/dues', label: '党费台账' },
      { key: '/care/appraisal', label: '民主评议与处置' },
      { key: '/care/transfers', label: '组织关系转接' },
      { key: '/care/warnings', label: '建议关注' },
    ],
  },
  {
    key: 'service',
    icon: <HeartOutlined />,
    label: '服务群众',
    children: [
      { key: '/service/deeds', label: '为群众办实事' },
      { key: '/service/requests', label: '便民服务' },
      { key: '/service/liaisons', label: '联村联片联户' },
    ],
  },
];

interface MenuItem {
  key: string;
  icon?: ReactNode;
  label: string;
  children?: MenuItem[];
}

const LEAVES = MENU.flatMap((m) => m.children ?? [m]);

/** Layout of every signed-in screen. */
export function ConsoleLayout() {
  const { user, signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const selected = LEAVES.find((m) => location.pathname.startsWith(m.key))?.key ?? LEAVES[0].key;
  const group = MENU.find((m) => m.children?.some((c) => c.key === selected))?.key;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 16,
          background: '#c8161d',
          paddingInline: 24,
        }}
      >
        <Typography.Text strong style={{ color: '#fff', fontSize: 18, flex: 1 }}>
          党建智慧云 · 管理后台
        </Typography.Text>
        {user && <UserBadge user={user} />}
        <Button icon={<LogoutOutlined />} onClick={() => (signOut(), navigate('/login', { replace: true }))}>
          退出
        </Button>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={200} theme="light">
          <Menu
            mode="inline"
            selectedKeys={[selected]}
            defaultOpenKeys={group ? [group] : []}
            items={MENU as MenuProps['items']}
            onClick={(e) => navigate(e.key)}
            style={{ height: '100%' }}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: 16 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

function UserBadge(props: { user: MeResponse }) {
  const { user } = props;
  // A user may hold the same role on several orgs; show each role once, with where it applies.
  const roles = new Map<string, string[]>();
  for (const r of user.roles) roles.set(r.role, [...(roles.get(r.role) ?? []), r.orgName]);
  return (
    <Space size={4} data-testid="current-user">
      <Typography.Text style={{ color: '#fff' }}>{user.name}</Typography.Text>
      {[...roles].map(([role, orgs]) => (
        <Tag key={role} title={orgs.join('、')}>
          {ROLE_LABELS[role as keyof typeof ROLE_LABELS] ?? role}
        </Tag>
      ))}
    </Space>
  );
}
