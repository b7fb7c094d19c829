import { maskIdCard, maskPhone, memberExit, toIsoLocal, type MemberDetail, type MemberSummary } from '@djzy/shared';
import type { FieldCipher } from '../../core/crypto';
import { branchOf, type Org } from '../org';
import type { Member } from './member.entity';

/** Shapes a member for the API: phone and ID number masked unless `reveal`. */
export function presentMember(m: Member, orgs: Map<string, Org>, cipher: FieldCipher, reveal: boolean): MemberSummary {
  const org = orgs.get(m.orgId);
  const branch = branchOf(org, orgs);
  const phone = cipher.decrypt(m.phoneEnc);
  const idCard = cipher.decrypt(m.idCardEnc);
  return {
    id: m.id,
    name: m.name,
    gender: m.gender,
    orgId: m.orgId,
    orgName: org?.name ?? '',
    branchId: branch?.id ?? null,
    branchName: branch?.name ?? null,
    status: m.status,
    phone: reveal ? phone : maskPhone(phone),
    idCard: reveal ? idCard : maskIdCard(idCard),
    joinedAt: m.joinedAt,
    birthDate: m.birthDate,
    education: m.education,
    isMobile: !!m.isMobile,
    exit: memberExit(m),
    revealed: reveal,
  };
}

export function presentMemberDetail(
  m: Member,
  orgs: Map<string, Org>,
  cipher: FieldCipher,
  reveal: boolean,
  wechatBound: boolean,
): MemberDetail {
  return {
    ...presentMember(m, orgs, cipher, reveal),
    wechatBound,
    createdAt: toIsoLocal(m.createdAt),
    updatedAt: toIsoLocal(m.updatedAt),
  };
}
