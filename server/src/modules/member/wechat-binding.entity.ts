import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A WeChat account (openid) bound to one roster member. session_key stays here, encrypted. */
@Entity('wechat_bindings')
export class WechatBinding {
  @PrimaryColumn({ type: 'varchar', length: 24 })
  id: string;

  @Index('uq_wechat_bindings_openid', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  openid: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  unionid: string | null;

  @Index('uq_wechat_bindings_member', { unique: true })
  @Column({ type: 'varchar', length: 24 })
  memberId: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  sessionKeyEnc: string | null;

  @Column({ type: 'datetime', precision: 3 })
  boundAt: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  lastLoginAt: Date | null;
}
