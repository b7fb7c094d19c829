import { Initial1795760912942 } from './1795760912942-Initial';
export const MYSQL_MIGRATIONS: Function[] = [Initial1795760912942];
