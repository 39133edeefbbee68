export { labelsRoutes } from './labels.routes.js';
