import type { ReactNode } from 'react';
import type { Role } from './auth/AuthProvider';

/**
 * One area's pages: each area (cadre, trainer, admin) exports its own list
 * from pages/<area>/routes.tsx, so areas are built independently.
 */
export interface AreaRoute {
  /** Path below the area's base, '' for its first page. */
  path: string;
  element: ReactNode;
  /** A menu entry (an i18n key of the area's namespace, or `namespace:key`), or none for detail pages. */
  menu?: { key: string; icon?: ReactNode };
}

export interface Area {
  key: 'cadre' | 'trainer' | 'admin';
  base: string;
  roles: Role[];
  routes: AreaRoute[];
}
