/** `GET /health`: the process and the database. */
export { healthRoutes } from './health.routes';
