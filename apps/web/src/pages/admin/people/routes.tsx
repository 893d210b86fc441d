import { ApartmentOutlined, AuditOutlined, FileProtectOutlined, HistoryOutlined, TeamOutlined, UploadOutlined } from '@ant-design/icons';
import type { AreaRoute } from '../../../routes';
import { lazyPage } from '../../../lib/lazyPage';

const AuditPage = lazyPage(() => import('./AuditPage'), 'AuditPage');
const ImportPage = lazyPage(() => import('./ImportPage'), 'ImportPage');
const RulesPage = lazyPage(() => import('./RulesPage'), 'RulesPage');
const UnitsPage = lazyPage(() => import('./UnitsPage'), 'UnitsPage');
const UserPage = lazyPage(() => import('./UserPage'), 'UserPage');
const LetterPage = lazyPage(() => import('./LetterPage'), 'LetterPage');
const UsersPage = lazyPage(() => import('./UsersPage'), 'UsersPage');

/** Units, users, the cadre import, tier rules, the commitment letter and the audit log (paths below /admin; menu keys in `adminPeople`). */
export const peopleRoutes: AreaRoute[] = [
  { path: 'units', element: <UnitsPage />, menu: { key: 'adminPeople:menu.units', icon: <ApartmentOutlined /> } },
  { path: 'users', element: <UsersPage />, menu: { key: 'adminPeople:menu.users', icon: <TeamOutlined /> } },
  { path: 'users/import', element: <ImportPage />, menu: { key: 'adminPeople:menu.import', icon: <UploadOutlined /> } },
  { path: 'users/new', element: <UserPage /> },
  { path: 'users/:id', element: <UserPage /> },
  { path: 'rules', element: <RulesPage />, menu: { key: 'adminPeople:menu.rules', icon: <AuditOutlined /> } },
  { path: 'letter', element: <LetterPage />, menu: { key: 'adminPeople:menu.letter', icon: <FileProtectOutlined /> } },
  { path: 'audit', element: <AuditPage />, menu: { key: 'adminPeople:menu.audit', icon: <HistoryOutlined /> } },
];
