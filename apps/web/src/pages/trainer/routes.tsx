import { EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ComingSoon } from '../../components/ComingSoon';
import type { Area } from '../../routes';

function StudioHome() {
  const { t } = useTranslation('trainer');
  return <ComingSoon title={t('title')} />;
}

/** The trainer studio (教学工作室). */
export const trainerArea: Area = {
  key: 'trainer',
  base: '/studio',
  roles: ['TRAINER'],
  routes: [{ path: '', element: <StudioHome />, menu: { key: 'menu.studio', icon: <EditOutlined /> } }],
};
