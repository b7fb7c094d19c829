import type { ReviewGrade } from '@djzy/shared';
import BallotSlip from '../../components/BallotSlip';
import { castBallot, getBallotForm } from '../../services/ballots';
import { closedText } from '../../utils/ballot';

/** 述职评议测评 (无记名): what a 述职评议 ballot slip's QR opens, without signing in. */
export default function BallotPage() {
  return (
    <BallotSlip
      noun="述职人"
      doneHint="感谢参与。本次测评为无记名测评，您的选择不会与您的身份关联。"
      closedText={closedText}
      load={(token) =>
        getBallotForm(token, { silent: true }).then((f) => ({
          title: f.title,
          intro: `${f.organizerOrgName} · ${f.year}年度。无记名测评：请为每位述职人选择一个等次，全部选完后提交，每张测评票只能提交一次。`,
          status: f.status,
          open: f.open,
          used: f.used,
          grades: f.gradeScale,
          people: f.reporters,
        }))
      }
      cast={(token, grades) =>
        castBallot({ token, grades: grades.map((g) => ({ reporterMemberId: g.memberId, grade: g.code as ReviewGrade })) }, { silent: true })
      }
    />
  );
}
