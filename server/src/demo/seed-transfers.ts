/**
 * The demo county's 组织关系转接, after the other seeds: in the county's last village branch (by
 * the tree's order, never 柳河镇 whose branches the console test uses) one ordinary member's letter
 * to a company branch in 义乌 is issued and 在途 — out of both orgs' 应到 (the roster says so) and
 * due for its reminder within days — and a letter from an org outside the deployment waits to be
 * received (接收) by the same branch.
 */
import type { DataSource } from 'typeorm';
import { addDays, idCardCheckChar, toLocalDate } from '@djzy/shared';
import type { FieldCipher } from '../core/crypto';
import { newId } from '../core/ids';
import { transactionWithRetry } from '../core/sql';
import { RoleGrant } from '../modules/auth/role-grant.entity';
import { User } from '../modules/auth/user.entity';
import { Member } from '../modules/member/member.entity';
import { Org } from '../modules/org/org.entity';
import { IncomingTransfer, MembershipTransfer } from '../modules/transfer/transfer.entity';

export async function seedDemoTransfers(ds: DataSource, cipher: FieldCipher, now: Date = new Date()): Promise<Record<string, number>> {
  const today = toLocalDate(now);
  const orgs = await ds.getRepository(Org).find({ order: { path: 'ASC' } });
  const townshipOf = (o: Org) => orgs.find((t) => t.kind === 'township' && o.path.startsWith(t.path));
  const branch = [...orgs]
    .reverse()
    .find((o) => o.kind === 'branch' && !o.name.includes('机关') && !townshipOf(o)?.name.includes('柳河镇'));
  const township = branch && townshipOf(branch);
  const admin = township && (await ds.getRepository(RoleGrant).findOne({ where: { orgId: township.id, role: 'admin' } }));
  const user = admin?.userId
    ? await ds.getRepository(User).findOneBy({ id: admin.userId })
    : await ds.getRepository(User).findOne({ where: {}, order: { username: 'ASC' } });
  if (!branch || !user) return { transfersInTransit: 0, incomingLetters: 0 };
  const holders = new Set((await ds.getRepository(RoleGrant).find({ select: { memberId: true } })).map((g) => g.memberId));
  const members = await ds
    .getRepository(Member)
    .find({ where: { orgId: branch.id, status: 'full', isMobile: false }, order: { id: 'DESC' } });
  const mover = members.find((m) => !holders.has(m.id));
  const at = (day: string) => new Date(`${day}T10:00:00+08:00`);
  const requestedOn = addDays(today, -26);
  const issuedOn = addDays(today, -24);
  let transfers = 0;
  let letters = 0;
  await transactionWithRetry(ds, async (em) => {
    if (mover) {
      const t: MembershipTransfer = {
        id: newId(),
        memberId: mover.id,
        fromOrgId: mover.orgId,
        kind: 'formal',
        toOrgId: null,
        toOrgName: '中共义乌市某电子商务有限公司支部委员会',
        reason: '在浙江义乌务工已满一年，工作单位固定',
        status: 'issued',
        requestedOn,
        approvedOn: addDays(today, -25),
        issuedOn,
        validUntil: addDays(issuedOn, 30),
        duesPaidThrough: issuedOn.slice(0, 7),
        nationalSystemRef: null,
        receivedOn: null,
        note: null,
        remindedOn: null,
        openMemberId: mover.id,
        createdBy: user.id,
        createdAt: at(requestedOn),
        updatedAt: at(issuedOn),
      };
      await em.insert(MembershipTransfer, t);
      await em.update(Member, { id: mover.id }, { transferState: 'in_transit', transferSince: issuedOn, updatedAt: at(issuedOn) });
      transfers = 1;
    }
    const first17 = `330782${'19880912'}${'062'}`;
    const idCard = first17 + idCardCheckChar(first17);
    const letterIssued = addDays(today, -5);
    const letter: IncomingTransfer = {
      id: newId(),
      toOrgId: branch.id,
      kind: 'formal',
      fromOrgName: '中共义乌市稠城街道某社区委员会',
      letterNo: `浙义组转〔${today.slice(0, 4)}〕第 0${today.slice(5, 7)}6 号`,
      issuedOn: letterIssued,
      validUntil: addDays(letterIssued, 30),
      name: '陈晓燕',
      idCardEnc: cipher.encrypt(idCard)!,
      idCardHash: cipher.blindIndex(idCard)!,
      gender: 'female',
      birthDate: '1988-09-12',
      memberStatus: 'full',
      joinedOn: '2012-06-28',
      fullOn: '2013-06-28',
      duesPaidThrough: letterIssued.slice(0, 7),
      nationalSystemRef: null,
      note: '返乡创业，转回户籍所在村',
      status: 'registered',
      registeredOn: today,
      receivedOn: null,
      memberId: null,
      openIdCardHash: cipher.blindIndex(idCard)!,
      createdBy: user.id,
      createdAt: at(today),
      updatedAt: at(today),
    };
    // The letter's person must not already be on the roster (a re-seed or a clash of numbers).
    if (!(await em.getRepository(Member).countBy({ idCardHash: letter.idCardHash }))) {
      await em.insert(IncomingTransfer, letter);
      letters = 1;
    }
  });
  return { transfersInTransit: transfers, incomingLetters: letters };
}
