import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, InputNumber, Select, TreeSelect } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAuth } from '../../../auth/AuthProvider';
import type { CadreTier, CompletionStatus } from '../../../gql/graphql';
import { currentYear } from '../../../lib/time';
import { downloadWithToken } from '../../../lib/http';
import type { UnitTreeNode } from '../shared/units';

export const TIERS: CadreTier[] = ['ON_JOB', 'NEW_APPOINTEE', 'RESERVE', 'RETIRED'];
export const STATUSES: CompletionStatus[] = ['COMPLETED', 'IN_PROGRESS', 'NOT_STARTED', 'OVERDUE'];
export const STATUS_COLOR: Record<CompletionStatus, string> = { NOT_STARTED: 'default', IN_PROGRESS: 'processing', COMPLETED: 'success', OVERDUE: 'error' };

/** The report's filters live in the address (year, unit, tier, status), so a drill-down and the way back keep them. */
export function useReportFilters() {
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || currentYear();
  const unitId = params.get('unitId') ?? me?.unit.id ?? undefined;
  const tier = (params.get('tier') as CadreTier | null) ?? undefined;
  const status = (params.get('status') as CompletionStatus | null) ?? undefined;
  const set = (next: Partial<{ year: number; unitId: string; tier: CadreTier | null; status: CompletionStatus | null }>) => {
    const merged = { year, unitId, tier, status, ...next };
    setParams(query(merged), { replace: true });
  };
  return { year, unitId, tier, status, set };
}

/** A query string of the set filters. */
export function query(filters: { year: number; unitId?: string | null; tier?: CadreTier | null; status?: CompletionStatus | null }): string {
  const q = new URLSearchParams({ year: String(filters.year) });
  if (filters.unitId) q.set('unitId', filters.unitId);
  if (filters.tier) q.set('tier', filters.tier);
  if (filters.status) q.set('status', filters.status);
  return q.toString();
}

export function YearInput({ value, onChange }: { value: number; onChange(year: number): void }) {
  const { t } = useTranslation('admin');
  return (
    <InputNumber
      aria-label={t('reports.year')}
      min={2000}
      max={2100}
      precision={0}
      value={value}
      onChange={(v) => typeof v === 'number' && v >= 2000 && v <= 2100 && onChange(v)}
      suffix={t('calendar.yearSuffix')}
      style={{ width: 110 }}
    />
  );
}

export function UnitInput({ value, tree, loading, onChange }: { value?: string; tree: UnitTreeNode[]; loading: boolean; onChange(id: string): void }) {
  const { t } = useTranslation('admin');
  return (
    <TreeSelect
      aria-label={t('reports.unit')}
      value={loading ? undefined : value}
      treeData={tree}
      loading={loading}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      onChange={(v: string) => onChange(v)}
      style={{ minWidth: 200 }}
      placeholder={t('reports.unit')}
    />
  );
}

export function TierInput({ value, onChange }: { value?: CadreTier; onChange(tier: CadreTier | null): void }) {
  const { t } = useTranslation('admin');
  return (
    <Select
      aria-label={t('reports.tier')}
      allowClear
      value={value}
      placeholder={t('reports.allTiers')}
      onChange={(v: CadreTier | undefined) => onChange(v ?? null)}
      options={TIERS.map((tier) => ({ value: tier, label: t(`common:tiers.${tier}`) }))}
      style={{ width: 150 }}
    />
  );
}

/** A CSV export: fetched with the session's token, saved as a file, with the server's refusal shown. */
export function CsvButton({ url, fileName, label }: { url: string; fileName: string; label: string }) {
  const { t } = useTranslation('admin');
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      onClick={async () => {
        setBusy(true);
        try {
          await downloadWithToken(url, fileName);
          message.success(t('reports.exported'));
        } catch (error) {
          message.error(t('reports.exportFailed', { message: error instanceof Error ? error.message : String(error) }));
        } finally {
          setBusy(false);
        }
      }}
    >
      {label}
    </Button>
  );
}
