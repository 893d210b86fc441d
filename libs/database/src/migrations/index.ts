import { Identity1763900000000 } from './1763900000000-identity';
import { StudyTours1763910000000 } from './1763910000000-study-tours';
import { TourAttendanceCredits1763920000000 } from './1763920000000-tour-attendance-credits';
import { Courses1763930000000 } from './1763930000000-courses';
import { Quizzes1763940000000 } from './1763940000000-quizzes';
import { CompletionRecords1763950000000 } from './1763950000000-completion-records';
import { Reminders1763960000000 } from './1763960000000-reminders';
import { CompletionCoveringIndexes1763970000000 } from './1763970000000-completion-covering-indexes';

/** Every migration, in order. A new migration is added here and nowhere else. */
export const migrations = [Identity1763900000000, StudyTours1763910000000, TourAttendanceCredits1763920000000, Courses1763930000000, Quizzes1763940000000, CompletionRecords1763950000000, Reminders1763960000000, CompletionCoveringIndexes1763970000000];
