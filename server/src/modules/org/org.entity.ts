import { Column, Entity, Index } from 'typeorm';
import { IdColumn, RefColumn, TimeColumn } from '../../core/columns';
import type { OrgKind } from '@djzy/shared';

/**
 * A node of the org tree. `path` is the materialised path `/rootId/…/selfId/`, so "the subtree
 * of X" is one indexed prefix match (`path LIKE '/…/X/%'`) on any dialect, with no recursion.
 */
@Entity('orgs')
export class Org {
  @IdColumn()
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  kind: OrgKind;

  @Index('idx_orgs_parent')
  @RefColumn({ nullable: true })
  parentId: string | null;

  @Index('idx_orgs_path')
  @Column({ type: 'varchar', length: 255 })
  path: string;

  @Column({ type: 'int', default: 0 })
  sortOrder: number;

  @TimeColumn()
  createdAt: Date;
}
