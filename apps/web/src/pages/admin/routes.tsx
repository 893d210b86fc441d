import { SettingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ComingSoon } from '../../components/ComingSoon';
import type { Area } from '../../routes';

function ConsoleHome() {
  const { t } = useTranslation('admin');
  return <ComingSoon title={t('title')} />;
}

/** The admin console (管理后台). */
export const adminArea: Area = {
  key: 'admin',
  base: '/admin',
  roles: ['ADMIN'],
  routes: [{ path: '', element: <ConsoleHome />, menu: { key: 'menu.console', icon: <SettingOutlined /> } }],
};
