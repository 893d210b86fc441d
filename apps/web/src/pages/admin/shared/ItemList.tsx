import { Typography } from 'antd';
import type { ReactNode } from 'react';

export interface Item {
  key: string;
  icon?: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  extra?: ReactNode;
}

/** A plain list of items (title, description, something on the right), as a real <ul>. */
export function ItemList({ items, testId }: { items: Item[]; testId?: string }) {
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid={testId}>
      {items.map((item, i) => (
        <li key={item.key} style={{ display: 'flex', alignItems: 'flex-start', gap: 12, padding: '10px 0', borderTop: i ? '1px solid #f0f0f0' : undefined }}>
          {item.icon && <span style={{ lineHeight: '22px' }}>{item.icon}</span>}
          <div style={{ flex: 1, minWidth: 0 }}>
            <div style={{ fontWeight: 500 }}>{item.title}</div>
            {item.description && <Typography.Text type="secondary">{item.description}</Typography.Text>}
          </div>
          {item.extra && <div style={{ flexShrink: 0 }}>{item.extra}</div>}
        </li>
      ))}
    </ul>
  );
}
