import { HomeOutlined } from '@ant-design/icons';
import type { Area } from '../../routes';
import { learningRoutes } from './learning/routes';
import { portalRoutes } from './portal/routes';
import { lazyPage } from '../../lib/lazyPage';

const HomePage = lazyPage(() => import('./HomePage'), 'HomePage');

/** The cadre portal (学习中心). */
export const cadreArea: Area = {
  key: 'cadre',
  base: '/study',
  roles: ['CADRE'],
  routes: [{ path: '', element: <HomePage />, menu: { key: 'menu.home', icon: <HomeOutlined /> } }, ...learningRoutes, ...portalRoutes],
};
