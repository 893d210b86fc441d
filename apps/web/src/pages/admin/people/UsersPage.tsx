import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Button, Card, Flex, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { EmptyState, ErrorState, Loading } from '../../../components/PageState';
import { graphql } from '../../../gql';
import type { CadreTier, PeopleUsersQuery, Role } from '../../../gql/graphql';
import { CursorPager } from '../../../components/CursorPager';
import { PAGE_SIZES, useCursorPages } from '../../../lib/paging';
import { ROLES, TIERS } from './options';
import { UnitPicker, useUnitDirectory } from '../shared/units';

const UsersDocument = graphql(`
  query PeopleUsers($unitId: ID, $role: Role, $tier: CadreTier, $search: String, $active: Boolean, $isLeading: Boolean, $first: Int, $after: String) {
    users(unitId: $unitId, role: $role, tier: $tier, search: $search, active: $active, isLeading: $isLeading, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        id
        name
        phone
        email
        roles
        tier
        isLeading
        rank
        active
        mustChangePassword
        unit {
          id
          name
        }
      }
    }
  }
`);

type UserRow = PeopleUsersQuery['users']['nodes'][number];

const FILTERS = ['unit', 'role', 'tier', 'q', 'active', 'leading'] as const;

/** Users of the administrator's subtree: filters (kept in the address), a page at a time with the total. */
export function UsersPage() {
  const { t } = useTranslation('adminPeople');
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const units = useUnitDirectory();
  const filter = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? undefined])) as Record<(typeof FILTERS)[number], string | undefined>;
  const paging = useCursorPages({ resetKey: JSON.stringify(filter), size: PAGE_SIZES[0] });
  const query = useQuery(UsersDocument, {
    variables: {
      unitId: filter.unit,
      role: filter.role as Role | undefined,
      tier: filter.tier as CadreTier | undefined,
      search: filter.q,
      active: filter.active === undefined ? undefined : filter.active === 'true',
      isLeading: filter.leading === undefined ? undefined : filter.leading === 'true',
      first: paging.first,
      after: paging.after,
    },
  });
  const filtered = FILTERS.some((k) => filter[k] !== undefined);

  const setFilter = (key: (typeof FILTERS)[number], value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value === undefined || value === '') next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };

  const columns: ColumnsType<UserRow> = [
    {
      title: t('users.columns.name'),
      key: 'name',
      render: (_, u) => (
        <Link to={`/admin/users/${u.id}`} style={{ fontWeight: 500 }}>
          {u.name}
        </Link>
      ),
    },
    { title: t('users.columns.login'), key: 'login', render: (_, u) => <span>{[u.phone, u.email].filter(Boolean).join(' / ')}</span> },
    {
      title: t('users.columns.unit'),
      key: 'unit',
      render: (_, u) => (
        <Tooltip title={units.directory?.pathOf(u.unit.id)}>
          <span>{u.unit.name}</span>
        </Tooltip>
      ),
    },
    {
      title: t('users.columns.roles'),
      key: 'roles',
      render: (_, u) => (
        <Space size={[4, 4]} wrap>
          {ROLES.filter((r) => u.roles.includes(r)).map((r) => (
            <Tag key={r} color={r === 'ADMIN' ? 'volcano' : r === 'TRAINER' ? 'geekblue' : undefined}>
              {t(`common:roles.${r}`)}
            </Tag>
          ))}
        </Space>
      ),
    },
    { title: t('users.columns.tier'), key: 'tier', render: (_, u) => (u.tier ? t(`common:tiers.${u.tier}`) : <Typography.Text type="secondary">{t('users.noTier')}</Typography.Text>) },
    {
      title: t('users.columns.leading'),
      key: 'leading',
      render: (_, u) => (u.isLeading ? <Tag color="gold">{u.rank ? t(`ranks.${u.rank}`) : t('users.leading')}</Tag> : u.rank ? t(`ranks.${u.rank}`) : null),
    },
    {
      title: t('users.columns.status'),
      key: 'status',
      render: (_, u) => (
        <Space size={[4, 4]} wrap>
          {u.active ? <Tag color="green">{t('users.active')}</Tag> : <Tag color="default">{t('users.inactive')}</Tag>}
          {u.active && u.mustChangePassword && <Tag color="orange">{t('users.mustChange')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('users.columns.actions'),
      key: 'actions',
      render: (_, u) => (
        <Link to={`/admin/users/${u.id}`} aria-label={t('users.editOf', { name: u.name })}>
          {t('users.edit')}
        </Link>
      ),
    },
  ];

  const data = query.data?.users;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Flex wrap gap={8} justify="space-between" align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('users.title')}
        </Typography.Title>
        <Space wrap>
          <Button icon={<UploadOutlined />} onClick={() => navigate('/admin/users/import')}>
            {t('users.import')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/admin/users/new')}>
            {t('users.create')}
          </Button>
        </Space>
      </Flex>
      <Card size="small">
        <Flex wrap gap={8} role="search" aria-label={t('users.filters')}>
          <Input.Search
            allowClear
            defaultValue={filter.q}
            placeholder={t('users.searchPlaceholder')}
            aria-label={t('users.search')}
            onSearch={(v) => setFilter('q', v.trim() || undefined)}
            style={{ width: 240 }}
          />
          <UnitPicker directory={units.directory} value={filter.unit} onChange={(v) => setFilter('unit', v)} allowClear placeholder={t('users.allUnits')} aria-label={t('users.unitFilter')} style={{ width: 220 }} />
          <Select
            allowClear
            aria-label={t('users.roleFilter')}
            placeholder={t('users.allRoles')}
            value={filter.role}
            onChange={(v?: string) => setFilter('role', v)}
            options={ROLES.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))}
            style={{ width: 130 }}
          />
          <Select
            allowClear
            aria-label={t('users.tierFilter')}
            placeholder={t('users.allTiers')}
            value={filter.tier}
            onChange={(v?: string) => setFilter('tier', v)}
            options={TIERS.map((r) => ({ value: r, label: t(`common:tiers.${r}`) }))}
            style={{ width: 140 }}
          />
          <Select
            allowClear
            aria-label={t('users.leadingFilter')}
            placeholder={t('users.anyLeading')}
            value={filter.leading}
            onChange={(v?: string) => setFilter('leading', v)}
            options={[
              { value: 'true', label: t('users.leadingOnly') },
              { value: 'false', label: t('users.notLeading') },
            ]}
            style={{ width: 140 }}
          />
          <Select
            allowClear
            aria-label={t('users.activeFilter')}
            placeholder={t('users.anyStatus')}
            value={filter.active}
            onChange={(v?: string) => setFilter('active', v)}
            options={[
              { value: 'true', label: t('users.active') },
              { value: 'false', label: t('users.inactive') },
            ]}
            style={{ width: 120 }}
          />
          {filtered && (
            <Button type="link" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
              {t('users.clearFilters')}
            </Button>
          )}
        </Flex>
      </Card>
      <Card size="small">
        {data ? (
          data.nodes.length === 0 ? (
            <EmptyState description={filtered ? t('users.noneMatching') : t('users.none')}>
              {!filtered && (
                <Space>
                  <Link to="/admin/users/new">{t('users.create')}</Link>
                  <Link to="/admin/users/import">{t('users.import')}</Link>
                </Space>
              )}
            </EmptyState>
          ) : (
            <>
              <Table<UserRow> rowKey="id" columns={columns} dataSource={data.nodes} pagination={false} loading={query.loading} scroll={{ x: 900 }} size="middle" data-testid="users-table" />
              <CursorPager pages={paging} totalCount={data.totalCount} pageInfo={data.pageInfo} sizes={PAGE_SIZES} loading={query.loading} unit={t('users.people')} />
            </>
          )
        ) : query.error ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <Loading rows={6} />
        )}
      </Card>
    </Space>
  );
}
