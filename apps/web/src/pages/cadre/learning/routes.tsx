import type { AreaRoute } from '../../../routes';

/** Courses, films and quizzes (paths below /study; menu keys in the `learning` namespace). */
export const learningRoutes: AreaRoute[] = [];
