/**
 * 组织关系转接: transfers out of a branch, mirrored from the national system; on receipt within the
 * deployment the member moves org (through MemberDirectory). The rules are transfer.service.ts.
 */
export { TransferService } from './transfer.service';
export { IncomingTransferService } from './incoming.service';
export { transferRoutes } from './transfer.routes';
