/**
 * Master data: clients, jobs, tasks, and who may use which job and task (API.md §4.6–4.8, §4.17;
 * docs/adr/0005-task-restrictions.md). What other modules may use:
 *
 * - Lookups: findClient(s), findJob(s), findTask(s) — by ID within a company; another company's ID is
 *   simply not found.
 * - Restrictions, for the person whose time or expense it is (not necessarily the caller):
 *   checkJobAndTask (adds JobID/TaskID field errors), isJobUsableBy, isTaskAllowedOnJob, jobsUsableBy,
 *   jobAccessFor, restrictionsOf; usersWhoMayUseJobs for GET /Users?JobID=.
 * - registerReferenceCheck: tell DELETE /Clients|Jobs|Tasks/{id} that your records still refer to one
 *   (DECISIONS 19); see references.ts.
 */
// references.ts first: it has no run-time imports, so registering from a module that this one imports
// back (users) always finds it initialised.
export {
  registerReferenceCheck,
  referencesTo,
  type ReferableKind,
  type ReferenceCheck,
} from './references.js';
export { findClient, findClients, type ClientRecord } from './clients.store.js';
export { findJob, findJobs, type JobRecord } from './jobs.store.js';
export { findTask, findTasks, type TaskRecord } from './tasks.store.js';
export type { JobAccess } from './access.store.js';
export {
  checkJobAndTask,
  isJobUsableBy,
  isTaskAllowedOnJob,
  jobAccessFor,
  jobsUsableBy,
  restrictionsOf,
  usersWhoMayUseJobs,
  type PeopleOfJobs,
  type Restrictions,
} from './access.service.js';
export { clientDisplayText, jobDisplayText, taskDisplayText } from './display.js';
