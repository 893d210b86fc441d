import { BookOutlined, FormOutlined } from '@ant-design/icons';
import type { AreaRoute } from '../../../routes';
import { lazyPage } from '../../../lib/lazyPage';

const CoursePage = lazyPage(() => import('./CoursePage'), 'CoursePage');
const CoursesPage = lazyPage(() => import('./CoursesPage'), 'CoursesPage');
const QuizPage = lazyPage(() => import('./QuizPage'), 'QuizPage');
const QuizzesPage = lazyPage(() => import('./QuizzesPage'), 'QuizzesPage');

/** Courses, films and quizzes (paths below /study; menu keys in the `learning` namespace). */
export const learningRoutes: AreaRoute[] = [
  { path: 'courses', element: <CoursesPage />, menu: { key: 'learning:menu.courses', icon: <BookOutlined /> } },
  { path: 'courses/:id', element: <CoursePage /> },
  { path: 'quizzes', element: <QuizzesPage />, menu: { key: 'learning:menu.quizzes', icon: <FormOutlined /> } },
  { path: 'quizzes/:id', element: <QuizPage /> },
];
