import { BarChartOutlined, CalendarOutlined, NotificationOutlined } from '@ant-design/icons';
import type { Area, AreaRoute } from '../../routes';
import { peopleRoutes } from './people/routes';
import { lazyPage } from '../../lib/lazyPage';

const CalendarPage = lazyPage(() => import('./calendar/CalendarPage'), 'CalendarPage');
const CampaignEditorPage = lazyPage(() => import('./campaigns/CampaignEditorPage'), 'CampaignEditorPage');
const CampaignPage = lazyPage(() => import('./campaigns/CampaignPage'), 'CampaignPage');
const CampaignsPage = lazyPage(() => import('./campaigns/CampaignsPage'), 'CampaignsPage');
const RecordPage = lazyPage(() => import('./reports/RecordPage'), 'RecordPage');
const RecordsPage = lazyPage(() => import('./reports/RecordsPage'), 'RecordsPage');
const ReportsPage = lazyPage(() => import('./reports/ReportsPage'), 'ReportsPage');

/** Reminder campaigns (the console's first page), the festival calendar and completion reports (paths below /admin). */
export const consoleRoutes: AreaRoute[] = [
  { path: '', element: <CampaignsPage />, menu: { key: 'menu.campaigns', icon: <NotificationOutlined /> } },
  { path: 'campaigns', element: <CampaignsPage /> },
  { path: 'campaigns/new', element: <CampaignEditorPage key="new" /> },
  { path: 'campaigns/:id', element: <CampaignPage /> },
  { path: 'campaigns/:id/edit', element: <CampaignEditorPage key="edit" /> },
  { path: 'calendar', element: <CalendarPage />, menu: { key: 'menu.calendar', icon: <CalendarOutlined /> } },
  { path: 'reports', element: <ReportsPage />, menu: { key: 'menu.reports', icon: <BarChartOutlined /> } },
  { path: 'reports/records', element: <RecordsPage /> },
  { path: 'reports/records/:userId', element: <RecordPage /> },
];

/** The admin console (管理后台). */
export const adminArea: Area = {
  key: 'admin',
  base: '/admin',
  roles: ['ADMIN'],
  routes: [...consoleRoutes, ...peopleRoutes],
};
