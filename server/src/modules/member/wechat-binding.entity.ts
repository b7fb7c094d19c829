import { Column, Entity, Index } from 'typeorm';
import { IdColumn, RefColumn, TimeColumn } from '../../core/columns';

/** A WeChat account (openid) bound to one roster member. session_key stays here, encrypted. */
@Entity('wechat_bindings')
export class WechatBinding {
  @IdColumn()
  id: string;

  @Index('uq_wechat_bindings_openid', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  openid: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  unionid: string | null;

  @Index('uq_wechat_bindings_member', { unique: true })
  @RefColumn()
  memberId: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  sessionKeyEnc: string | null;

  @TimeColumn()
  boundAt: Date;

  @TimeColumn({ nullable: true })
  lastLoginAt: Date | null;
}
