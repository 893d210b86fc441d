import { GlobalOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { homeFor } from '../../App';
import { useAuth } from '../../auth/AuthProvider';
import { apiProblem, showFieldErrors } from '../../components/errors';
import { changeLanguage } from '../../i18n';

const PHONE = /^1\d{10}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface Values {
  login: string;
  password: string;
}

export function LoginPage() {
  const { t, i18n } = useTranslation('login');
  const auth = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (auth.session && auth.me) return <Navigate to={homeFor(auth.me.roles)} replace />;

  const submit = async (values: Values) => {
    setProblem(null);
    setBusy(true);
    try {
      const roles = await auth.login(values.login.trim(), values.password);
      const from = (location.state as { from?: string } | null)?.from;
      navigate(from && from !== '/' ? from : homeFor(roles), { replace: true });
    } catch (error) {
      const p = apiProblem(error);
      if (p.code === 'UNAUTHENTICATED') setProblem(t(/deactivated|no longer active/.test(p.message) ? 'deactivated' : 'wrongCredentials'));
      else setProblem(showFieldErrors(form, error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 16, background: 'linear-gradient(160deg, #e8f3ef 0%, #f7faf9 60%)' }}>
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button type="link" size="small" icon={<GlobalOutlined />} onClick={() => changeLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')} data-testid="language-switch">
            {i18n.language === 'en' ? '中文' : 'English'}
          </Button>
        </div>
        <Typography.Title level={3} style={{ color: '#1f6f5c', marginTop: 0 }}>
          {t('common:appName')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('subtitle')}</Typography.Paragraph>
        {problem && <Alert type="error" showIcon title={t('failed')} description={problem} style={{ marginBottom: 16 }} role="alert" data-testid="login-error" />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} onValuesChange={() => setProblem(null)}>
          <Form.Item
            name="login"
            label={t('login')}
            rules={[
              { required: true, whitespace: true, message: t('loginRequired') },
              { validator: (_, v: string) => (!v || PHONE.test(v.trim()) || EMAIL.test(v.trim()) ? Promise.resolve() : Promise.reject(new Error(t('loginInvalid')))) },
            ]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" inputMode="email" size="large" />
          </Form.Item>
          <Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            {t('submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
