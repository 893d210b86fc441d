export const admin = {
  'zh-CN': { menu: { console: '管理后台' }, title: '管理后台' },
  en: { menu: { console: 'Console' }, title: 'Administration' },
};
