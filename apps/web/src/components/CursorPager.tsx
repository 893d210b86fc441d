import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CursorPages } from '../lib/paging';

/**
 * Under every paged list and table of the studio and the console: the total
 * ("共 8 人"), the page ("第 1 / 3 页") between previous and next, and, where
 * offered, the page size.
 */
export function CursorPager({
  pages,
  totalCount,
  pageInfo,
  loading,
  unit,
  sizes,
}: {
  pages: CursorPages;
  totalCount: number;
  pageInfo: { endCursor?: string | null; hasNextPage: boolean };
  loading?: boolean;
  /** What is counted, e.g. "人"; "条" if not given. */
  unit?: string;
  /** Page sizes to choose from; none shows no choice. */
  sizes?: number[];
}) {
  const { t } = useTranslation('common');
  const pageCount = Math.max(1, Math.ceil(totalCount / pages.first));
  return (
    <nav aria-label={t('pager.label')} data-testid="pager" style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'flex-end', marginTop: 12 }}>
      <Typography.Text type="secondary" data-testid="pager-total">
        {t('pager.total', { count: totalCount, unit: unit ?? t('pager.items') })}
      </Typography.Text>
      <Space size={4}>
        <Button icon={<LeftOutlined />} disabled={pages.page <= 1 || loading} onClick={pages.prev} aria-label={t('pager.prev')} />
        <Typography.Text>{t('pager.page', { page: pages.page, pages: pageCount })}</Typography.Text>
        <Button icon={<RightOutlined />} disabled={!pageInfo.hasNextPage || !pageInfo.endCursor || loading} onClick={() => pages.next(pageInfo.endCursor)} aria-label={t('pager.next')} />
      </Space>
      {sizes && (
        <Select
          aria-label={t('pager.size')}
          value={pages.first}
          onChange={pages.setSize}
          style={{ width: 120 }}
          options={sizes.map((s) => ({ value: s, label: t('pager.perPage', { size: s }) }))}
        />
      )}
    </nav>
  );
}
