import { HistoryOutlined, KeyOutlined, LeftOutlined, StopOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Descriptions, Divider, Flex, Form, Input, Modal, Row, Select, Space, Switch, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useAuth } from '../../../auth/AuthProvider';
import { apiProblem, problemText, showFieldErrors } from '../../../components/errors';
import { ErrorState, Loading } from '../../../components/PageState';
import { graphql } from '../../../gql';
import type { CadreRank, CadreTier, PeopleUserQuery, Role } from '../../../gql/graphql';
import { formatDateTime } from '../../../lib/time';
import { EMAIL, normalisePhone, passwordProblem, RANKS, ROLES, TIERS } from './options';
import { UnitPicker, useUnitDirectory, type UnitDirectory } from '../shared/units';

graphql(`
  fragment PeopleUserFields on User {
    id
    name
    phone
    email
    unitId
    unit {
      id
      name
    }
    roles
    tier
    isLeading
    rank
    appointmentDate
    spouse {
      name
      phone
      email
    }
    active
    mustChangePassword
    createdAt
    updatedAt
  }
`);

const UserDocument = graphql(`
  query PeopleUser($id: ID!) {
    user(id: $id) {
      ...PeopleUserFields
    }
  }
`);

const CreateUserDocument = graphql(`
  mutation PeopleCreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      ...PeopleUserFields
    }
  }
`);

const UpdateUserDocument = graphql(`
  mutation PeopleUpdateUser($id: ID!, $input: UpdateUserInput!) {
    updateUser(id: $id, input: $input) {
      ...PeopleUserFields
    }
  }
`);

const SetActiveDocument = graphql(`
  mutation PeopleSetUserActive($id: ID!, $active: Boolean!) {
    setUserActive(id: $id, active: $active) {
      id
      active
      updatedAt
    }
  }
`);

const ResetPasswordDocument = graphql(`
  mutation PeopleResetPassword($input: ResetPasswordInput!) {
    resetUserPassword(input: $input) {
      id
      mustChangePassword
    }
  }
`);

type User = PeopleUserQuery['user'];

interface Values {
  name: string;
  phone?: string;
  email?: string;
  unitId?: string;
  roles: Role[];
  tier?: CadreTier | null;
  isLeading: boolean;
  rank?: CadreRank | null;
  appointmentDate?: string | null;
  spouseName?: string;
  spousePhone?: string;
  spouseEmail?: string;
  initialPassword?: string;
}

const blank = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);

function toValues(u: User): Values {
  return {
    name: u.name,
    phone: u.phone ?? '',
    email: u.email ?? '',
    unitId: u.unitId,
    roles: u.roles,
    tier: u.tier ?? null,
    isLeading: u.isLeading,
    rank: u.rank ?? null,
    appointmentDate: u.appointmentDate ?? null,
    spouseName: u.spouse?.name ?? '',
    spousePhone: u.spouse?.phone ?? '',
    spouseEmail: u.spouse?.email ?? '',
  };
}

/** A new user (`/admin/users/new`) or one user's profile, status and password (`/admin/users/:id`). */
export function UserPage() {
  const { id } = useParams();
  const { t } = useTranslation('adminPeople');
  const creating = !id || id === 'new';
  const query = useQuery(UserDocument, { variables: { id: id ?? '' }, skip: creating });
  const units = useUnitDirectory();

  const back = (
    <Link to="/admin/users">
      <LeftOutlined /> {t('user.back')}
    </Link>
  );
  if (creating) {
    return (
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {back}
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('user.createTitle')}
        </Typography.Title>
        <UserForm directory={units.directory} />
      </Space>
    );
  }
  const user = query.data?.user;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {back}
      {user ? (
        <>
          <UserHeader user={user} />
          <UserForm key={user.id} user={user} directory={units.directory} />
        </>
      ) : query.error ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Loading rows={10} />
      )}
    </Space>
  );
}

/** Who the user is, whether they may sign in, and the actions on the account. */
function UserHeader({ user }: { user: User }) {
  const { t } = useTranslation('adminPeople');
  const { me } = useAuth();
  const { modal, message } = App.useApp();
  const [setActive, activating] = useMutation(SetActiveDocument);
  const [resetOpen, setResetOpen] = useState(false);
  const self = me?.id === user.id;

  const toggle = () => {
    const next = !user.active;
    modal.confirm({
      title: t(next ? 'user.activateTitle' : 'user.deactivateTitle', { name: user.name }),
      content: t(next ? 'user.activateBody' : 'user.deactivateBody'),
      okText: t(next ? 'user.activate' : 'user.deactivate'),
      okButtonProps: { danger: !next },
      cancelText: t('cancel'),
      onOk: async () => {
        try {
          await setActive({ variables: { id: user.id, active: next } });
          void message.success(t(next ? 'user.activated' : 'user.deactivated', { name: user.name }));
        } catch (error) {
          void message.error(problemText(apiProblem(error), t));
        }
      },
    });
  };

  return (
    <Card>
      <Flex wrap gap={12} justify="space-between" align="flex-start">
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {user.name}{' '}
            {user.active ? (
              <Tag color="green" data-testid="user-status">
                {t('users.active')}
              </Tag>
            ) : (
              <Tag data-testid="user-status">{t('users.inactive')}</Tag>
            )}
            {user.active && user.mustChangePassword && <Tag color="orange">{t('users.mustChange')}</Tag>}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('user.createdUpdated', { created: formatDateTime(user.createdAt), updated: formatDateTime(user.updatedAt) })}
          </Typography.Text>
        </div>
        <Space wrap>
          <Button icon={<KeyOutlined />} onClick={() => setResetOpen(true)}>
            {t('user.resetPassword')}
          </Button>
          <Button
            icon={user.active ? <StopOutlined /> : <CheckCircleOutlined />}
            danger={user.active}
            disabled={self && user.active}
            title={self && user.active ? t('user.cannotDeactivateSelf') : undefined}
            loading={activating.loading}
            onClick={toggle}
          >
            {t(user.active ? 'user.deactivate' : 'user.activate')}
          </Button>
          <Link to={`/admin/audit?entityType=User&entityId=${user.id}`}>
            <HistoryOutlined /> {t('user.history')}
          </Link>
        </Space>
      </Flex>
      <ResetPasswordModal user={user} open={resetOpen} onClose={() => setResetOpen(false)} />
    </Card>
  );
}

function ResetPasswordModal({ user, open, onClose }: { user: User; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('adminPeople');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ newPassword: string; confirm: string }>();
  const [reset, resetting] = useMutation(ResetPasswordDocument);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (values: { newPassword: string }) => {
    setProblem(null);
    try {
      await reset({ variables: { input: { userId: user.id, newPassword: values.newPassword } } });
      void message.success(t('user.passwordReset', { name: user.name }));
      onClose();
    } catch (error) {
      setProblem(showFieldErrors(form, error, t));
    }
  };

  return (
    <Modal
      open={open}
      title={t('user.resetTitle', { name: user.name })}
      onCancel={onClose}
      okText={t('user.resetOk')}
      cancelText={t('cancel')}
      confirmLoading={resetting.loading}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('user.resetHint')}</Typography.Paragraph>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} role="alert" />}
      <Form form={form} name="resetPassword" layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item
          name="newPassword"
          label={t('user.newPassword')}
          rules={[
            { required: true, message: t('validation.passwordRequired') },
            { validator: (_, v: string) => (!v || !passwordProblem(v) ? Promise.resolve() : Promise.reject(new Error(t(`validation.password.${passwordProblem(v)}`)))) },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('user.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('validation.confirmRequired') },
            ({ getFieldValue }) => ({ validator: (_, v: string) => (!v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('validation.confirmMismatch')))) }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The profile form: checks every field before sending, then shows the API's own objections next to the fields. */
function UserForm({ user, directory }: { user?: User; directory: UnitDirectory | undefined }) {
  const { t } = useTranslation('adminPeople');
  const { me } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const [create, creating] = useMutation(CreateUserDocument);
  const [update, updating] = useMutation(UpdateUserDocument);
  const self = Boolean(user && me?.id === user.id);
  const roles = Form.useWatch('roles', form) ?? [];
  const isLeading = Form.useWatch('isLeading', form);

  const submit = async (v: Values) => {
    setProblem(null);
    const profile = {
      name: v.name.trim(),
      phone: v.phone?.trim() ? normalisePhone(v.phone) : null,
      email: blank(v.email)?.toLowerCase() ?? null,
      unitId: v.unitId!,
      roles: v.roles,
      tier: v.tier ?? null,
      isLeading: Boolean(v.isLeading),
      rank: v.rank ?? null,
      appointmentDate: v.appointmentDate ?? null,
      spouseName: blank(v.spouseName),
      spousePhone: v.spousePhone?.trim() ? normalisePhone(v.spousePhone) : null,
      spouseEmail: blank(v.spouseEmail)?.toLowerCase() ?? null,
    };
    try {
      if (user) {
        await update({ variables: { id: user.id, input: profile } });
        void message.success(t('user.saved', { name: profile.name }));
      } else {
        const res = await create({ variables: { input: { ...profile, initialPassword: v.initialPassword || null } } });
        void message.success(t('user.created', { name: profile.name }));
        navigate(`/admin/users/${res.data!.createUser.id}`, { replace: true });
      }
    } catch (error) {
      setProblem(showFieldErrors(form, error, t));
    }
  };

  const phoneRule = {
    validator: (_: unknown, v?: string) => (!v || !v.trim() || normalisePhone(v) ? Promise.resolve() : Promise.reject(new Error(t('validation.phone')))),
  };
  const emailRule = { validator: (_: unknown, v?: string) => (!v || !v.trim() || EMAIL.test(v.trim()) ? Promise.resolve() : Promise.reject(new Error(t('validation.email')))) };

  const initialValues: Values = user ? toValues(user) : { name: '', roles: ['CADRE'], isLeading: false, tier: 'ON_JOB' };

  return (
    <Card title={user ? t('user.profile') : undefined}>
      {problem && <Alert type="error" showIcon title={t('user.notSaved')} description={problem} style={{ marginBottom: 16 }} role="alert" data-testid="user-form-error" />}
      <Form<Values> form={form} name="user" layout="vertical" initialValues={initialValues} onFinish={submit} onValuesChange={() => setProblem(null)} scrollToFirstError>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('fields.name')} rules={[{ required: true, whitespace: true, message: t('validation.nameRequired') }, { max: 50, message: t('validation.max', { max: 50 }) }]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="unitId" label={t('fields.unit')} rules={[{ required: true, message: t('validation.unitRequired') }]}>
              <UnitPicker directory={directory} placeholder={t('user.chooseUnit')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="phone"
              label={t('fields.phone')}
              extra={t('user.loginHint')}
              dependencies={['email']}
              rules={[
                phoneRule,
                ({ getFieldValue }) => ({
                  validator: (_, v?: string) => (v?.trim() || getFieldValue('email')?.trim() ? Promise.resolve() : Promise.reject(new Error(t('validation.loginRequired')))),
                }),
              ]}
            >
              <Input inputMode="tel" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="email" label={t('fields.email')} rules={[emailRule, { max: 254, message: t('validation.max', { max: 254 }) }]}>
              <Input inputMode="email" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="roles" label={t('fields.roles')} rules={[{ required: true, type: 'array', min: 1, message: t('validation.rolesRequired') }]} extra={self ? t('user.ownRoles') : undefined}>
              <Checkbox.Group disabled={self} options={ROLES.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="tier" label={t('fields.tier')} extra={roles.includes('CADRE') ? t('user.tierHint') : t('user.tierOnlyCadre')}>
              <Select allowClear placeholder={t('user.noTier')} options={TIERS.map((r) => ({ value: r, label: t(`common:tiers.${r}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="isLeading" label={t('fields.isLeading')} valuePropName="checked" extra={t('user.leadingHint')}>
              <Switch checkedChildren={t('yes')} unCheckedChildren={t('no')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="rank" label={t('fields.rank')} rules={[{ required: Boolean(isLeading), message: t('validation.rankForLeading') }]}>
              <Select allowClear placeholder={t('user.noRank')} options={RANKS.map((r) => ({ value: r, label: t(`ranks.${r}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="appointmentDate"
              label={t('fields.appointmentDate')}
              getValueProps={(v?: string | null) => ({ value: v ? dayjs(v) : undefined })}
              normalize={(d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null)}
              rules={[{ validator: (_, v?: string | null) => (!v || !dayjs(v).isAfter(dayjs().add(1, 'year')) ? Promise.resolve() : Promise.reject(new Error(t('validation.dateFar')))) }]}
            >
              <DatePicker style={{ width: '100%' }} placeholder={t('user.chooseDate')} />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          {t('user.spouse')}
        </Divider>
        <Typography.Paragraph type="secondary">{t('user.spouseHint')}</Typography.Paragraph>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="spouseName" label={t('fields.spouseName')} rules={[{ max: 50, message: t('validation.max', { max: 50 }) }]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="spousePhone" label={t('fields.spousePhone')} rules={[phoneRule]}>
              <Input inputMode="tel" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="spouseEmail" label={t('fields.spouseEmail')} rules={[emailRule]}>
              <Input inputMode="email" autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        {!user && (
          <>
            <Divider titlePlacement="start" plain>
              {t('user.signIn')}
            </Divider>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item
                  name="initialPassword"
                  label={t('fields.initialPassword')}
                  extra={t('user.initialPasswordHint')}
                  rules={[{ validator: (_, v?: string) => (!v || !passwordProblem(v) ? Promise.resolve() : Promise.reject(new Error(t(`validation.password.${passwordProblem(v)}`)))) }]}
                >
                  <Input.Password autoComplete="new-password" />
                </Form.Item>
              </Col>
            </Row>
          </>
        )}
        {user && (
          <Descriptions size="small" column={1} style={{ marginBottom: 16 }} items={[{ key: 'path', label: t('user.unitPath'), children: directory?.pathOf(user.unitId) || user.unit.name }]} />
        )}
        <Space>
          <Button type="primary" htmlType="submit" loading={creating.loading || updating.loading}>
            {user ? t('user.save') : t('user.createOk')}
          </Button>
          <Button onClick={() => (user ? form.resetFields() : navigate('/admin/users'))}>{user ? t('user.undo') : t('cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
