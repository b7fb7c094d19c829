/** Which materials of the learning kit an org's members can be given to study. */
import type { DataSource } from 'typeorm';
import { fieldError } from '../../core/errors';
import type { Org } from '../org';
import { StudyRepository } from './study.repository';

/** Materials the members of `org` can study: published, for the org itself or one above it. */
export async function checkMaterialsFor(ds: DataSource, org: Org, ids: string[], field = 'materialIds'): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const ancestors = org.path.split('/').filter(Boolean);
  const found = await new StudyRepository(ds).publishedIdsAmong(unique, ancestors);
  if (found.length !== unique.length) throw fieldError(field, '所选资料中有不存在、未发布或不面向本组织的资料');
  return unique;
}
