import { ApolloProvider } from '@apollo/client/react';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { client } from './apollo';
import { AuthProvider, useAuth } from './auth/AuthProvider';
import { PageBoundary } from './components/PageBoundary';
import { ErrorState, Loading } from './components/PageState';
import { AppLayout } from './layout/AppLayout';
import { usePrefersReducedMotion } from './lib/motion';
import { adminArea } from './pages/admin/routes';
import { cadreArea } from './pages/cadre/routes';
import { LoginPage } from './pages/login/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { trainerArea } from './pages/trainer/routes';
import type { Area } from './routes';

const AREAS: Area[] = [cadreArea, trainerArea, adminArea];

/** Where a user lands after signing in: their work first (console, studio), else their own study. */
export function homeFor(roles: readonly string[]): string {
  return [adminArea, trainerArea, cadreArea].find((a) => a.roles.some((r) => roles.includes(r)))?.base ?? '/login';
}

function Shell() {
  const { session, me, loading, error } = useAuth();
  const location = useLocation();
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  if (loading) return <Loading rows={8} />;
  if (!me) return <ErrorState error={error} onRetry={() => window.location.reload()} />;
  const areas = AREAS.filter((a) => a.roles.some((r) => me.roles.includes(r)));
  return <AppLayout areas={areas} />;
}

function Home() {
  const { me } = useAuth();
  return <Navigate to={homeFor(me?.roles ?? [])} replace />;
}

function AreaRoutes() {
  const { me } = useAuth();
  const areas = AREAS.filter((a) => a.roles.some((r) => me?.roles.includes(r)));
  return (
    <PageBoundary>
      <Routes>
        <Route index element={<Home />} />
        {areas.map((area) => (
          <Route key={area.key} path={area.base.slice(1)}>
            {area.routes.map((r) => (r.path ? <Route key={r.path} path={r.path} element={r.element} /> : <Route key="index" index element={r.element} />))}
          </Route>
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </PageBoundary>
  );
}

function Localised() {
  const { i18n } = useTranslation();
  const zh = i18n.language !== 'en';
  // no zooming dialogs or sliding menus for a reader who asked the system for less motion
  const motion = !usePrefersReducedMotion();
  useEffect(() => {
    dayjs.locale(zh ? 'zh-cn' : 'en');
  }, [zh]);
  return (
    <ConfigProvider locale={zh ? zhCN : enUS} theme={{ token: { colorPrimary: '#1f6f5c', borderRadius: 6, motion } }}>
      <AntApp>
        <BrowserRouter>
          <AuthProvider>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route element={<Shell />}>
                <Route path="*" element={<AreaRoutes />} />
              </Route>
            </Routes>
          </AuthProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <ApolloProvider client={client}>
      <Localised />
    </ApolloProvider>
  );
}
