import { GlobalOutlined, LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { Avatar, Button, Drawer, Dropdown, Grid, Layout, Menu, Space, Typography, type MenuProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth/AuthProvider';
import { changeLanguage, type Language } from '../i18n';
import type { Area } from '../routes';

const { Header, Sider, Content } = Layout;

/** The frame of every signed-in page: a side menu on wide screens, a drawer on phones, and the header. */
export function AppLayout({ areas }: { areas: Area[] }) {
  const { t, i18n } = useTranslation();
  const { me, logout } = useAuth();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const [drawer, setDrawer] = useState(false);
  const navigate = useNavigate();
  const location = useLocation();

  const items: MenuProps['items'] = areas.map((area) => ({
    type: 'group' as const,
    key: area.key,
    label: t(`areas.${area.key}`),
    children: area.routes
      .filter((r) => r.menu)
      .map((r) => ({ key: `${area.base}${r.path ? `/${r.path}` : ''}`, icon: r.menu!.icon, label: t(r.menu!.key.includes(':') ? r.menu!.key : `${area.key}:${r.menu!.key}`) })),
  }));
  const keys = areas.flatMap((a) => a.routes.filter((r) => r.menu).map((r) => `${a.base}${r.path ? `/${r.path}` : ''}`));
  const selected = keys.filter((k) => location.pathname === k || location.pathname.startsWith(`${k}/`)).sort((a, b) => b.length - a.length)[0];
  const menu = (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected] : []}
      onClick={({ key }) => {
        setDrawer(false);
        navigate(key);
      }}
    />
  );
  const other: Language = i18n.language === 'en' ? 'zh-CN' : 'en';

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!phone && (
        <Sider width={220} theme="light" breakpoint="md" style={{ borderRight: '1px solid #f0f0f0' }}>
          <div style={{ padding: '16px 20px', fontWeight: 600, fontSize: 18, color: '#1f6f5c' }}>{t('appName')}</div>
          <nav aria-label={t('menu')}>{menu}</nav>
        </Sider>
      )}
      <Layout>
        <Header style={{ background: '#fff', padding: phone ? '0 12px' : '0 24px', display: 'flex', alignItems: 'center', gap: 12, borderBottom: '1px solid #f0f0f0' }}>
          {phone && <Button type="text" icon={<MenuOutlined />} aria-label={t('menu')} onClick={() => setDrawer(true)} />}
          {phone && <Typography.Text strong style={{ color: '#1f6f5c' }}>{t('appShort')}</Typography.Text>}
          <div style={{ flex: 1 }} />
          <Button type="text" icon={<GlobalOutlined />} onClick={() => changeLanguage(other)} aria-label={t('language')} data-testid="language-switch">
            {other === 'en' ? 'English' : '中文'}
          </Button>
          <Dropdown
            menu={{ items: [{ key: 'signOut', icon: <LogoutOutlined />, label: t('signOut'), onClick: () => void logout().then(() => navigate('/login')) }] }}
            trigger={['click']}
          >
            <Button type="text" data-testid="user-menu">
              <Space>
                <Avatar size="small" style={{ background: '#1f6f5c' }}>{me?.name.slice(-2)}</Avatar>
                {!phone && <span>{me?.name}</span>}
              </Space>
            </Button>
          </Dropdown>
        </Header>
        <Content style={{ padding: phone ? 12 : 24 }}>
          <main>
            <Outlet />
          </main>
        </Content>
      </Layout>
      <Drawer open={drawer} onClose={() => setDrawer(false)} placement="left" size={260} title={t('appName')}>
        <nav aria-label={t('menu')}>{menu}</nav>
      </Drawer>
    </Layout>
  );
}
