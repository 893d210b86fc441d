import { BookOutlined, DatabaseOutlined, EnvironmentOutlined, TrophyOutlined } from '@ant-design/icons';
import type { Area } from '../../routes';
import { lazyPage } from '../../lib/lazyPage';

const CourseEditorPage = lazyPage(() => import('./courses/CourseEditorPage'), 'CourseEditorPage');
const CoursesPage = lazyPage(() => import('./courses/CoursesPage'), 'CoursesPage');
const QuestionsPage = lazyPage(() => import('./questions/QuestionsPage'), 'QuestionsPage');
const QuizEditorPage = lazyPage(() => import('./quizzes/QuizEditorPage'), 'QuizEditorPage');
const QuizzesPage = lazyPage(() => import('./quizzes/QuizzesPage'), 'QuizzesPage');
const TourPage = lazyPage(() => import('./tours/TourPage'), 'TourPage');
const ToursPage = lazyPage(() => import('./tours/ToursPage'), 'ToursPage');

/** The trainer studio (教学工作室): courses, the question bank, quizzes and contests, study tours. */
export const trainerArea: Area = {
  key: 'trainer',
  base: '/studio',
  roles: ['TRAINER'],
  routes: [
    { path: '', element: <CoursesPage />, menu: { key: 'menu.courses', icon: <BookOutlined /> } },
    { path: 'courses', element: <CoursesPage /> },
    { path: 'courses/:id', element: <CourseEditorPage /> },
    { path: 'questions', element: <QuestionsPage />, menu: { key: 'menu.questions', icon: <DatabaseOutlined /> } },
    { path: 'quizzes', element: <QuizzesPage />, menu: { key: 'menu.quizzes', icon: <TrophyOutlined /> } },
    { path: 'quizzes/:id', element: <QuizEditorPage /> },
    { path: 'tours', element: <ToursPage />, menu: { key: 'menu.tours', icon: <EnvironmentOutlined /> } },
    { path: 'tours/:id', element: <TourPage /> },
  ],
};
