import { Result } from 'antd';
import { useTranslation } from 'react-i18next';

/** An area whose pages are not built yet says so plainly (no made-up data). */
export function ComingSoon({ title }: { title: string }) {
  const { t } = useTranslation();
  return <Result status="info" title={title} subTitle={t('coming')} />;
}
