import { HomeOutlined } from '@ant-design/icons';
import type { Area } from '../../routes';
import { HomePage } from './HomePage';
import { learningRoutes } from './learning/routes';

/** The cadre portal (学习中心). */
export const cadreArea: Area = {
  key: 'cadre',
  base: '/study',
  roles: ['CADRE'],
  routes: [{ path: '', element: <HomePage />, menu: { key: 'menu.home', icon: <HomeOutlined /> } }, ...learningRoutes],
};
