import { MailOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Badge } from 'antd';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../../gql';

/** The unread count for the menu badge. */
export const UnreadCountDocument = graphql(`
  query PortalUnreadCount {
    myNotifications(first: 1, unreadOnly: true) {
      unreadCount
    }
  }
`);

/** The inbox's menu icon with the number of unread messages. */
export function InboxMenuIcon({ className }: { className?: string }) {
  const { t } = useTranslation('portal');
  const query = useQuery(UnreadCountDocument, { fetchPolicy: 'cache-and-network' });
  const unread = query.data?.myNotifications.unreadCount ?? 0;
  return (
    // the menu's icon class goes on the outer element, so the menu spaces the label as for any icon
    <Badge className={className} count={unread} size="small" offset={[4, -2]} title={t('inbox.unreadBadge', { count: unread })} data-testid="menu-unread-count">
      <MailOutlined />
    </Badge>
  );
}
