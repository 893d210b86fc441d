import { BookOutlined, FormOutlined } from '@ant-design/icons';
import type { AreaRoute } from '../../../routes';
import { CoursePage } from './CoursePage';
import { CoursesPage } from './CoursesPage';
import { QuizPage } from './QuizPage';
import { QuizzesPage } from './QuizzesPage';

/** Courses, films and quizzes (paths below /study; menu keys in the `learning` namespace). */
export const learningRoutes: AreaRoute[] = [
  { path: 'courses', element: <CoursesPage />, menu: { key: 'learning:menu.courses', icon: <BookOutlined /> } },
  { path: 'courses/:id', element: <CoursePage /> },
  { path: 'quizzes', element: <QuizzesPage />, menu: { key: 'learning:menu.quizzes', icon: <FormOutlined /> } },
  { path: 'quizzes/:id', element: <QuizPage /> },
];
