import { CarOutlined, ProfileOutlined } from '@ant-design/icons';
import type { AreaRoute } from '../../../routes';
import { InboxMenuIcon } from './InboxMenuIcon';
import { lazyPage } from '../../../lib/lazyPage';

const InboxPage = lazyPage(() => import('./InboxPage'), 'InboxPage');
const RecordPage = lazyPage(() => import('./RecordPage'), 'RecordPage');
const TourPage = lazyPage(() => import('./TourPage'), 'TourPage');
const ToursPage = lazyPage(() => import('./ToursPage'), 'ToursPage');

/** Study tours, the inbox and my record (paths below /study; menu keys in the `portal` namespace). */
export const portalRoutes: AreaRoute[] = [
  { path: 'tours', element: <ToursPage />, menu: { key: 'portal:menu.tours', icon: <CarOutlined /> } },
  { path: 'tours/:id', element: <TourPage /> },
  { path: 'inbox', element: <InboxPage />, menu: { key: 'portal:menu.inbox', icon: <InboxMenuIcon /> } },
  { path: 'record', element: <RecordPage />, menu: { key: 'portal:menu.record', icon: <ProfileOutlined /> } },
];
