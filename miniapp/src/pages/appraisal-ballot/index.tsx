import type { AppraisalGrade } from '@djzy/shared';
import BallotSlip from '../../components/BallotSlip';
import { castAppraisalBallot, getAppraisalBallotForm } from '../../services/ballots';
import { appraisalClosedText } from '../../utils/ballot';

/** 民主评议党员 · 民主测评 (无记名): what an appraisal slip's QR opens, without signing in. */
export default function AppraisalBallotPage() {
  return (
    <BallotSlip
      noun="党员"
      doneHint="感谢参与。本次测评为无记名测评，您的选择不会与您的身份关联；测评结果供支部评定时参考。"
      closedText={appraisalClosedText}
      load={(token) =>
        getAppraisalBallotForm(token, { silent: true }).then((f) => ({
          title: f.title,
          intro: `${f.orgName} · ${f.year}年度。无记名测评：请为每位参评党员选择一个等次（优秀、合格、基本合格、不合格），全部选完后提交，每张测评票只能提交一次。`,
          status: f.status,
          open: f.open,
          used: f.used,
          grades: f.grades,
          people: f.members,
        }))
      }
      cast={(token, grades) =>
        castAppraisalBallot(
          { token, grades: grades.map((g) => ({ memberId: g.memberId, grade: g.code as AppraisalGrade })) },
          { silent: true },
        )
      }
    />
  );
}
