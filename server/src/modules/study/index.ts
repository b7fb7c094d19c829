/**
 * Study (学习): the learning kit, verified reading, quizzes, reflections and study plans. Other
 * modules read materials and completions through StudyProgress and checkMaterialsFor.
 */
export { StudyService, type ActivityNoteCheck, type CompletionListener, type ContentChecker } from './study.service';
export { StudyPlanService } from './study-plan.service';
export { StudyFileService } from './study-file.service';
export { StudyProgress } from './study.progress';
export { checkMaterialsFor } from './study-materials';
export { studyRoutes } from './study.routes';
