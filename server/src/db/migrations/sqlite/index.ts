import { Study1795763554830 } from './1795763554830-Study';
import { Mobility1795763353960 } from './1795763353960-Mobility';
import { Notifications1795762782167 } from './1795762782167-Notifications';
import { FollowUp1795762494886 } from './1795762494886-FollowUp';
import { Activities1795762160258 } from './1795762160258-Activities';
import { PointsDefaultRules1795761708760 } from '../points-default-rules';
import { Points1795761708759 } from './1795761708759-Points';
import { Initial1795760912942 } from './1795760912942-Initial';
export const SQLITE_MIGRATIONS: Function[] = [Initial1795760912942, Points1795761708759, PointsDefaultRules1795761708760, Activities1795762160258, FollowUp1795762494886, Notifications1795762782167, Mobility1795763353960, Study1795763554830];
