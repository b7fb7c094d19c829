/**
 * 为群众办实事 (deeds), 便民服务 (service requests) and 联村联片联户 (liaison links and their
 * contacts). The rules are deed.service.ts, service-request.service.ts and liaison.service.ts.
 */
export { DeedService } from './deed.service';
export { ServiceRequestService } from './service-request.service';
export { LiaisonService } from './liaison.service';
export { serviceRoutes } from './service.routes';
