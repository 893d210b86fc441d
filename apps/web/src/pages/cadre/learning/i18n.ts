/** Courses, films and quizzes in the study centre (namespace `learning`). */
export const learning = {
  'zh-CN': { menu: { courses: '课程学习' } },
  en: { menu: { courses: 'Courses' } },
};
