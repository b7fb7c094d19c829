/**
 * The roster (党员名册): members, their WeChat bindings, Excel import/export. Other modules use
 * MemberDirectory (MemberService.directory) and never the tables.
 */
export { MemberService } from './member.service';
export { RosterService } from './roster.service';
export { MemberDirectory, joinMember, type MemberBasics } from './member.directory';
export { memberRoutes } from './member.routes';
export { partyMemberSql } from './member.standing';
