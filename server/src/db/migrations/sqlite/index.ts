import { BalancesPeriodFirst1796546000000 } from './1796546000000-BalancesPeriodFirst';
import { AppraisalBallots1796552248733 } from './1796552248733-AppraisalBallots';
import { TransfersYear1796552309084 } from './1796552309084-TransfersYear';
import { Development1796543366536 } from './1796543366536-Development';
import { Transfers1796545045034 } from './1796545045034-Transfers';
import { Dues1796544506117 } from './1796544506117-Dues';
import { Appraisals1796543812569 } from './1796543812569-Appraisals';
import { CareVisits1796543391227 } from './1796543391227-CareVisits';
import { ReviewAssessment1796543363191 } from './1796543363191-ReviewAssessment';
import { ReportRecords1796541120505 } from './1796541120505-ReportRecords';
import { ServiceDeeds1796541128299 } from './1796541128299-ServiceDeeds';
import { Disclosures1796542595057 } from './1796542595057-Disclosures';
import { Disclosures1796541107593 } from './1796541107593-Disclosures';
import { ResponsibilityItems1796532380353 } from './1796532380353-ResponsibilityItems';
import { Oversight1796531908486 } from './1796531908486-Oversight';
import { Problems1796531388862 } from './1796531388862-Problems';
import { ActivityAudience1795780000000 } from './1795780000000-ActivityAudience';
import { StudyPlansPairsUploads1795771024319 } from './1795771024319-StudyPlansPairsUploads';
import { MobilitySettings1795767953040 } from './1795767953040-MobilitySettings';
import { CheckinSlotIndex1795765895482 } from './1795765895482-CheckinSlotIndex';
import { Study1795763554830 } from './1795763554830-Study';
import { Mobility1795763353960 } from './1795763353960-Mobility';
import { Notifications1795762782167 } from './1795762782167-Notifications';
import { FollowUp1795762494886 } from './1795762494886-FollowUp';
import { Activities1795762160258 } from './1795762160258-Activities';
import { PointsDefaultRules1795761708760 } from '../points-default-rules';
import { Points1795761708759 } from './1795761708759-Points';
import { Initial1795760912942 } from './1795760912942-Initial';
export const SQLITE_MIGRATIONS: Function[] = [
  Initial1795760912942,
  Points1795761708759,
  PointsDefaultRules1795761708760,
  Activities1795762160258,
  FollowUp1795762494886,
  Notifications1795762782167,
  Mobility1795763353960,
  Study1795763554830,
  CheckinSlotIndex1795765895482,
  MobilitySettings1795767953040,
  StudyPlansPairsUploads1795771024319,
  ActivityAudience1795780000000,
  Problems1796531388862,
  Oversight1796531908486,
  ResponsibilityItems1796532380353,
  ReportRecords1796541120505,
  Disclosures1796542595057,
  ServiceDeeds1796541128299,
  Disclosures1796541107593,
  Development1796543366536,
  CareVisits1796543391227,
  Appraisals1796543812569,
  Dues1796544506117,
  Transfers1796545045034,
  ReviewAssessment1796543363191,
  BalancesPeriodFirst1796546000000,
  AppraisalBallots1796552248733,
  TransfersYear1796552309084,
];
