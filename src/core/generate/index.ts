/** New documents: plan (render + side updates), write, stories, and the path rules that keep them in the workspace. */
export { createDocument, planDocument, type DocumentRequest, type PlannedDocument } from './plan';
export { resolutionSideUpdates, sideUpdateFailure, type SideUpdate } from './side-updates';
export { activityEdits, activityLine, type ActivityEntry } from './activity';
export { findStory, listStories } from './stories';
export { checkPathName, workspacePath } from './paths';
export { closestNames, editDistance } from './closest';
export { incidentHistoryEdits, relativeLink, type IncidentSummary } from './incident-history';
