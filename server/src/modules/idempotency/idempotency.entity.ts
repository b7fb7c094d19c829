import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimeColumn } from '../../core/columns';

/**
 * A remembered answer to a request sent with an `Idempotency-Key`: the same key and the same
 * body get the saved answer again; the same key with another body is refused (422).
 */
@Entity('idempotency_keys')
export class IdempotencyRecord {
  /** `<scope>:<actor id>:<client key>`. */
  @PrimaryColumn({ type: 'varchar', length: 200 })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  requestHash: string;

  @Column({ type: 'int' })
  status: number;

  @Column({ type: 'text' })
  response: string;

  @TimeColumn()
  createdAt: Date;
}
