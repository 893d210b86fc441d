export const trainer = {
  'zh-CN': { menu: { studio: '教学工作室' }, title: '教学工作室' },
  en: { menu: { studio: 'Studio' }, title: 'Trainer studio' },
};
