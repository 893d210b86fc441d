import { useQuery } from '@apollo/client/react';
import { Button, Card, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { EmptyState, ErrorState, Loading } from '../../../components/PageState';
import { graphql } from '../../../gql';
import type { PeopleAuditLogQuery } from '../../../gql/graphql';
import { formatDateTime } from '../../../lib/time';
import { CursorPager } from '../../../components/CursorPager';
import { PAGE_SIZES, useCursorPages } from '../../../lib/paging';
import { useUnitDirectory, type UnitDirectory } from '../shared/units';

const AuditLogDocument = graphql(`
  query PeopleAuditLog($entityType: String, $entityId: ID, $actorId: ID, $action: String, $first: Int, $after: String) {
    auditLog(entityType: $entityType, entityId: $entityId, actorId: $actorId, action: $action, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        id
        at
        action
        actorId
        actorName
        entityType
        entityId
        before
        after
        requestId
      }
    }
  }
`);

const ActorSearchDocument = graphql(`
  query PeopleAuditActors($search: String) {
    users(search: $search, first: 20) {
      nodes {
        id
        name
        unit {
          id
          name
        }
      }
    }
  }
`);

const ActorDocument = graphql(`
  query PeopleAuditActor($id: ID!) {
    user(id: $id) {
      id
      name
    }
  }
`);

type Entry = PeopleAuditLogQuery['auditLog']['nodes'][number];

/** What the log records, by the kind of thing changed (libs/*: every audit.record call). */
const ACTIONS: Record<string, string[]> = {
  Unit: ['unit.create', 'unit.rename', 'unit.move'],
  User: ['user.create', 'user.update', 'user.activate', 'user.deactivate', 'user.reset-password', 'user.import-create', 'user.import-update'],
  CadreImport: ['user.import'],
  CompletionRule: ['completion.rule.set'],
  Course: ['course.create', 'course.publish', 'course.archive', 'course.assign', 'course.unassign'],
  Question: ['question.create', 'question.update', 'question.archive', 'question.import'],
  Quiz: ['quiz.create', 'quiz.update', 'quiz.publish', 'quiz.archive'],
  StudyTour: ['tour.create', 'tour.capacity', 'tour.cancel', 'tour.complete'],
  TourSignUp: ['tour.approve-signup', 'tour.reject-signup', 'tour.remove-signup', 'tour.attendance'],
  ReminderCampaign: ['reminder.create', 'reminder.update', 'reminder.schedule', 'reminder.cancel'],
  CustomDate: ['calendar.custom-date.create', 'calendar.custom-date.remove'],
  Occasion: ['occasion.report', 'occasion.cancel'],
  CommitmentLetter: ['integrity.letter.set'],
  CommitmentSignature: ['integrity.letter.sign'],
};

const FILTERS = ['entityType', 'action', 'actorId', 'entityId'] as const;
const HIDDEN_KEYS = new Set(['updatedBy', 'updatedAt', 'depth']);

export function actionLabel(action: string, t: TFunction): string {
  return t(`audit.actions.${action.replace(/\./g, '_')}`, { defaultValue: action });
}

function entityLabel(type: string, t: TFunction): string {
  return t(`audit.entities.${type}`, { defaultValue: type });
}

/** A value of a snapshot in words: units by name, tiers and roles translated, yes/no. */
function formatValue(key: string, value: unknown, t: TFunction, units: UnitDirectory | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? t('yes') : t('no');
  if ((key === 'unitId' || key === 'parentId') && typeof value === 'string') return units?.byId.get(value) ? units.pathOf(value) : value;
  if (key === 'path' && typeof value === 'string') {
    const ids = value.split('/').filter(Boolean);
    const names = ids.map((id) => units?.byId.get(id)?.name);
    return names.every(Boolean) ? names.join(' / ') : value;
  }
  if (key === 'tier' && typeof value === 'string') return t(`common:tiers.${value}`, { defaultValue: value });
  if (key === 'rank' && typeof value === 'string') return t(`ranks.${value}`, { defaultValue: value });
  if (key === 'roles' && Array.isArray(value)) return value.map((r) => t(`common:roles.${String(r)}`, { defaultValue: String(r) })).join('、');
  if (key === 'requiredCourseIds' && Array.isArray(value)) return t('audit.courses', { count: value.length });
  if (key === 'userIds' && Array.isArray(value)) return t('audit.people', { count: value.length });
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join('、');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function keyLabel(key: string, t: TFunction, entityType: string): string {
  const user = entityType === 'User' ? t(`fields.${key}`, { defaultValue: '' }) : '';
  return user || t(`audit.keys.${key}`, { defaultValue: '' }) || t(`fields.${key}`, { defaultValue: '' }) || t(`rules.fields.${key}`, { defaultValue: '' }) || key;
}

const VISUALLY_HIDDEN: React.CSSProperties = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' };

interface DiffRow {
  key: string;
  before: string;
  after: string;
  changed: boolean;
}

/** The fields of a change: for an edit those that changed, for a creation or a summary everything recorded. */
export function diffRows(entry: Pick<Entry, 'before' | 'after'>, t: TFunction, units: UnitDirectory | undefined): DiffRow[] {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !HIDDEN_KEYS.has(k));
  const rows = keys.map((key) => {
    const b = key in before ? formatValue(key, before[key], t, units) : '';
    const a = key in after ? formatValue(key, after[key], t, units) : '';
    return { key, before: b, after: a, changed: JSON.stringify(before[key]) !== JSON.stringify(after[key]) };
  });
  return entry.before && entry.after ? rows.filter((r) => r.changed) : rows;
}

/** The name the snapshot gives the thing changed (a user's or unit's name, a course's title, a rule's year and tier). */
function objectName(e: Entry, t: TFunction): string | null {
  const snap = { ...(e.before ?? {}), ...(e.after ?? {}) } as Record<string, unknown>;
  if (e.entityType === 'CompletionRule' && snap.year && snap.tier) return t('audit.ruleName', { year: snap.year, tier: t(`common:tiers.${String(snap.tier)}`) });
  if (e.entityType === 'CadreImport') return null;
  const name = snap.name ?? snap.title;
  return typeof name === 'string' ? name : null;
}

/** The audit log of the administrator's subtree: who changed what and when, with the change field by field. */
export function AuditPage() {
  const { t } = useTranslation('adminPeople');
  const [params, setParams] = useSearchParams();
  const units = useUnitDirectory();
  const filter = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? undefined])) as Record<(typeof FILTERS)[number], string | undefined>;
  const paging = useCursorPages({ resetKey: JSON.stringify(filter), size: PAGE_SIZES[0] });
  const query = useQuery(AuditLogDocument, { variables: { ...filter, first: paging.first, after: paging.after } });
  const filtered = FILTERS.some((k) => filter[k] !== undefined);

  const setFilter = (changes: Partial<Record<(typeof FILTERS)[number], string | undefined>>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };

  const actionOptions = (filter.entityType ? [filter.entityType] : Object.keys(ACTIONS)).flatMap((type) => (ACTIONS[type] ?? []).map((a) => ({ value: a, label: actionLabel(a, t) })));

  const columns: ColumnsType<Entry> = [
    { title: t('audit.columns.at'), key: 'at', width: 150, render: (_, e) => formatDateTime(e.at) },
    { title: t('audit.columns.actor'), key: 'actor', width: 130, render: (_, e) => (e.actorId && e.actorName ? e.actorName : <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>) },
    { title: t('audit.columns.action'), key: 'action', width: 150, render: (_, e) => <Tag color={e.action.startsWith('user.import') ? 'purple' : e.action.startsWith('unit.') ? 'cyan' : e.action.startsWith('user.') ? 'blue' : 'default'}>{actionLabel(e.action, t)}</Tag> },
    {
      title: t('audit.columns.object'),
      key: 'object',
      render: (_, e) => {
        const name = objectName(e, t);
        return (
          <Space size={4} wrap>
            <Typography.Text type="secondary">{entityLabel(e.entityType, t)}</Typography.Text>
            {e.entityType === 'User' && e.entityId ? <Link to={`/admin/users/${e.entityId}`}>{name ?? t('audit.open')}</Link> : name && <span>{name}</span>}
          </Space>
        );
      },
    },
    {
      title: t('audit.columns.change'),
      key: 'change',
      render: (_, e) => <ChangeSummary entry={e} units={units.directory} />,
    },
  ];

  const data = query.data?.auditLog;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('audit.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('audit.intro')}</Typography.Text>
      </div>
      <Card size="small">
        <Flex wrap gap={8} role="search" aria-label={t('audit.filters')}>
          <Select
            allowClear
            aria-label={t('audit.entityFilter')}
            placeholder={t('audit.allEntities')}
            value={filter.entityType}
            onChange={(v?: string) => setFilter({ entityType: v, action: v && filter.action && !ACTIONS[v]?.includes(filter.action) ? undefined : filter.action })}
            options={Object.keys(ACTIONS).map((k) => ({ value: k, label: entityLabel(k, t) }))}
            style={{ width: 160 }}
          />
          <Select
            allowClear
            aria-label={t('audit.actionFilter')}
            placeholder={t('audit.allActions')}
            value={filter.action}
            onChange={(v?: string) => setFilter({ action: v })}
            options={actionOptions}
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 200 }}
          />
          <ActorPicker value={filter.actorId} onChange={(v) => setFilter({ actorId: v })} />
          <Input.Search
            allowClear
            defaultValue={filter.entityId}
            key={filter.entityId ?? ''}
            aria-label={t('audit.entityIdFilter')}
            placeholder={t('audit.entityIdPlaceholder')}
            onSearch={(v) => setFilter({ entityId: v.trim() || undefined })}
            style={{ width: 280 }}
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
            <EmptyState description={filtered ? t('audit.noneMatching') : t('audit.none')} />
          ) : (
            <>
              <Table<Entry>
                rowKey="id"
                columns={columns}
                dataSource={data.nodes}
                pagination={false}
                loading={query.loading}
                scroll={{ x: 900 }}
                size="middle"
                data-testid="audit-table"
                expandable={{
                  rowExpandable: (e) => Boolean(e.before || e.after || e.requestId),
                  expandedRowRender: (e) => <ChangeDetail entry={e} units={units.directory} />,
                  columnTitle: <span style={VISUALLY_HIDDEN}>{t('audit.details')}</span>,
                }}
              />
              <CursorPager pages={paging} totalCount={data.totalCount} pageInfo={data.pageInfo} sizes={PAGE_SIZES} loading={query.loading} />
            </>
          )
        ) : query.error ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <Loading rows={8} />
        )}
      </Card>
    </Space>
  );
}

/** One line for the table: an import's counts, or the fields that changed. */
function ChangeSummary({ entry, units }: { entry: Entry; units: UnitDirectory | undefined }) {
  const { t } = useTranslation('adminPeople');
  if (entry.action === 'user.import' && entry.after) {
    const a = entry.after as Record<string, number>;
    return <span data-testid="audit-import-summary">{t('audit.importSummary', { created: a.created ?? 0, updated: a.updated ?? 0, unchanged: a.unchanged ?? 0, failed: a.failed ?? 0 })}</span>;
  }
  const rows = diffRows(entry, t, units);
  if (!rows.length) return <Typography.Text type="secondary">{entry.before || entry.after ? t('audit.noFieldChanged') : t('audit.noDetail')}</Typography.Text>;
  if (entry.before && entry.after) {
    return (
      <span>
        {rows.slice(0, 2).map((r, i) => (
          <span key={r.key}>
            {i > 0 && '；'}
            {keyLabel(r.key, t, entry.entityType)}：{r.before} → {r.after}
          </span>
        ))}
        {rows.length > 2 && t('audit.more', { count: rows.length - 2 })}
      </span>
    );
  }
  return <Typography.Text type="secondary">{t('audit.fields', { count: rows.length })}</Typography.Text>;
}

/** Before and after, field by field. */
function ChangeDetail({ entry, units }: { entry: Entry; units: UnitDirectory | undefined }) {
  const { t } = useTranslation('adminPeople');
  const rows = diffRows(entry, t, units);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {rows.length > 0 && (
        <Table<DiffRow>
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={rows}
          columns={[
            { title: t('audit.field'), key: 'key', width: 200, render: (_, r) => keyLabel(r.key, t, entry.entityType) },
            ...(entry.before ? [{ title: t('audit.before'), key: 'before', render: (_: unknown, r: DiffRow) => <span style={r.changed && entry.after ? { color: '#cf1322', textDecoration: 'line-through' } : undefined}>{r.before}</span> }] : []),
            ...(entry.after ? [{ title: t('audit.after'), key: 'after', render: (_: unknown, r: DiffRow) => <span style={r.changed && entry.before ? { color: '#389e0d' } : undefined}>{r.after}</span> }] : []),
          ]}
        />
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {entry.entityId && `${t('audit.entityId')}：${entry.entityId}　`}
        {entry.requestId && `${t('audit.requestId')}：${entry.requestId}`}
      </Typography.Text>
    </Space>
  );
}

/** Who made the change: a user of the administrator's subtree, found by name. */
function ActorPicker({ value, onChange }: { value?: string; onChange: (v: string | undefined) => void }) {
  const { t } = useTranslation('adminPeople');
  const [search, setSearch] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const list = useQuery(ActorSearchDocument, { variables: { search: search || undefined } });
  const chosen = useQuery(ActorDocument, { variables: { id: value ?? '' }, skip: !value });
  const nodes = list.data?.users.nodes ?? [];
  const options = nodes.map((u) => ({ value: u.id, label: `${u.name}（${u.unit.name}）` }));
  if (value && !nodes.some((u) => u.id === value)) options.unshift({ value, label: chosen.data?.user.name ?? t('audit.someone') });
  return (
    <Select
      allowClear
      aria-label={t('audit.actorFilter')}
      placeholder={t('audit.allActors')}
      value={value}
      onChange={(v?: string) => onChange(v)}
      options={options}
      loading={list.loading}
      showSearch={{
        filterOption: false,
        onSearch: (v) => {
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(() => setSearch(v.trim()), 300);
        },
      }}
      style={{ width: 200 }}
    />
  );
}
