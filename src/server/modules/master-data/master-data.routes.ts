/**
 * Every route of the master-data module, as one plugin for modules/index.ts.
 */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.js';
import { accessRoutes } from './access.routes.js';
import { clientsRoutes } from './clients.routes.js';
import { jobsRoutes } from './jobs.routes.js';
import { tasksRoutes } from './tasks.routes.js';

export async function masterDataRoutes(app: FastifyInstance, options: { deps: Deps }) {
  await clientsRoutes(app, options);
  await jobsRoutes(app, options);
  await tasksRoutes(app, options);
  await accessRoutes(app, options);
}
