/** Mobile members (流动党员): the record, one contact cadre, the contact log, reminders. */
export { MobilityService } from './mobility.service';
export { mobilityRoutes } from './mobility.routes';
