/**
 * The error catalogue: every error a client can receive, with its HTTP status and the Chinese
 * message a person reads. Clients branch on `code`; the server throws by code only.
 */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, message: '提交的信息有误，请检查后重试' },
  BAD_JSON: { status: 400, message: '请求内容不是有效的 JSON' },
  UNAUTHORIZED: { status: 401, message: '请先登录' },
  TOKEN_EXPIRED: { status: 401, message: '登录已过期，请重新登录' },
  FORBIDDEN: { status: 403, message: '该组织不在您的管理范围内，没有权限进行此操作' },
  MEMBER_ACCOUNT_REQUIRED: { status: 403, message: '请使用党员账号（微信小程序）登录后操作' },
  ADMIN_REQUIRED: { status: 403, message: '只有管理员可以进行此操作' },
  REVEAL_NOT_ALLOWED: { status: 403, message: '只有管理员可以查看或导出完整的手机号和身份证号' },
  COUNTY_ADMIN_REQUIRED: { status: 403, message: '积分规则全县统一，只有县级（顶层组织）管理员可以修改' },
  TOWNSHIP_ADMIN_REQUIRED: { status: 403, message: '只有乡镇或上级管理员可以设置流动党员规则' },
  NO_PERSONAL_POINTS: { status: 403, message: '控制台账号没有个人积分' },
  RANKING_OWN_BRANCH_ONLY: { status: 403, message: '只能查看本支部的积分排名' },
  MEMBER_NOT_FOUND: { status: 404, message: '党员不存在或不在您的管理范围内' },
  NOT_FOUND: { status: 404, message: '请求的内容不存在' },
  ROUTE_NOT_FOUND: { status: 404, message: '接口不存在' },
  METHOD_NOT_ALLOWED: { status: 405, message: '不支持该请求方式' },
  CONFLICT: { status: 409, message: '数据已被修改或已存在，请刷新后重试' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '提交的内容过大' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '不支持的内容类型' },
  RATE_LIMITED: { status: 429, message: '操作过于频繁，请稍后再试' },
  STATE_CONFLICT: { status: 409, message: '当前状态下不能进行此操作，请刷新后查看最新状态' },
  SELF_SIGNOFF: { status: 403, message: '整改责任人不能为自己负责的问题复查销号，请由交办单位复查' },
  FEEDBACK_ALREADY_REPLIED: { status: 409, message: '该投诉建议已经答复过' },
  FEEDBACK_REJECTED: { status: 400, message: '内容未通过安全检查，请修改后再提交' },
  DEVELOPMENT_RULE: { status: 400, message: '不符合《中国共产党发展党员工作细则》的规定，请核对后再录入' },
  DISCLOSURE_PERSONAL_DATA: { status: 400, message: '公开内容中不能出现身份证号或手机号，请删除后再保存' },
  FINANCE_CHECK_REQUIRED: { status: 409, message: '财务和惠农补贴公开须经乡镇农经站审核后才能审批和公开' },
  DISCLOSURE_SELF_REVIEW: { status: 403, message: '监督小组审核须由经办人以外的人进行' },
  DISCLOSURE_TOWNSHIP_ONLY: { status: 403, message: '农经站审核和审批须由乡镇（或上级）管理员进行' },
  DISCLOSURE_FILE_INVALID: { status: 400, message: '附件只能是 PDF、JPG 或 PNG 文件' },
  DISCLOSURE_FILE_LIMIT: { status: 409, message: '每项公开最多 9 个附件' },
  BALLOT_TOKEN_USED: { status: 409, message: '这张测评票已经投过了，每张票只能投一次' },
  BALLOT_TOKEN_INVALID: { status: 404, message: '测评票无效，请扫描会场发放的测评票二维码' },
  REVIEW_TOWNSHIP_ONLY: { status: 403, message: '述职评议只能由组织会议的乡镇（或上级）管理员管理' },
  ASSESSMENT_OVER_100: { status: 400, message: '考核细则各项分值合计不能超过 100 分' },
  DEDUCTION_REASON_REQUIRED: { status: 400, message: '扣分须写明理由' },
  INTERNAL: { status: 500, message: '服务器开小差了，请稍后再试' },
  DB_UNAVAILABLE: { status: 503, message: '数据库暂时不可用' },
  SERVICE_UNAVAILABLE: { status: 503, message: '网络繁忙，请稍后重试' },
  BAD_ENCODING: { status: 400, message: '请求内容的压缩格式无效' },
  HEADERS_TOO_LARGE: { status: 431, message: '请求头过大' },

  WECHAT_CODE_INVALID: { status: 401, message: '微信登录凭证无效或已过期，请重新进入小程序' },
  WECHAT_UNAVAILABLE: { status: 503, message: '微信服务暂时不可用，请稍后再试' },
  WECHAT_RATE_LIMITED: { status: 429, message: '微信登录过于频繁，请稍后再试' },
  WECHAT_USER_BLOCKED: { status: 403, message: '该微信账号被限制登录' },
  BIND_TICKET_INVALID: { status: 400, message: '绑定凭证无效或已过期，请重新登录' },
  BIND_MISMATCH: { status: 400, message: '姓名或身份证号后六位与党员名册不一致' },
  BIND_TOO_MANY_ATTEMPTS: { status: 429, message: '核对失败次数过多，请重新登录后再试' },
  ALREADY_BOUND: { status: 409, message: '该党员已绑定其他微信账号，请联系支部书记' },
  BAD_CREDENTIALS: { status: 401, message: '用户名或密码错误' },
  ACCOUNT_LOCKED: { status: 429, message: '密码错误次数过多，账号已暂时锁定，请稍后再试' },
  ACCOUNT_DISABLED: { status: 403, message: '账号已停用' },

  IMPORT_FILE_INVALID: { status: 400, message: '文件不是有效的 Excel 表格（.xlsx）' },
  IMPORT_FILE_EMPTY: { status: 400, message: '表格中没有数据' },
  IMPORT_COLUMNS_INVALID: { status: 400, message: '表格缺少必需的列' },
  IMPORT_TOO_MANY_ROWS: { status: 400, message: '表格行数超过上限' },
  IMPORT_XLS_UNSUPPORTED: {
    status: 400,
    message: '系统读取不了旧版 Excel 文件（.xls），请另存为 .xlsx 格式（Excel 或 WPS：文件 → 另存为 → Excel 工作簿）后再上传',
  },
  DUPLICATE_ID_CARD: { status: 409, message: '该身份证号已在名册中' },
  ORG_KIND_INVALID: { status: 400, message: '组织层级不正确' },

  // members' year (慰问困难党员, 民主评议, 组织处置, 党费)
  HARDSHIP_EXISTS: { status: 409, message: '该党员已登记为困难党员，请在原记录上进行年度复核' },
  APPRAISAL_ROUND_EXISTS: { status: 409, message: '本支部该年度已开展民主评议党员，不能重复开展' },
  APPRAISAL_EXCELLENT_QUOTA: { status: 400, message: '评为优秀的党员不能超过参评党员人数的三分之一' },
  APPRAISAL_GRADES_INCOMPLETE: { status: 400, message: '还有参评党员未评定等次，请全部评定后再反馈结果' },
  APPRAISAL_FEEDBACK_INCOMPLETE: { status: 400, message: '还有参评党员未反馈评议结果，请全部反馈后再报上级' },
  DISPOSAL_PROBATIONARY: { status: 400, message: '预备党员不能给予劝其退党或除名处置，请按规定延长预备期或取消预备党员资格' },
  DISPOSAL_QUORUM: { status: 400, message: '到会有表决权的党员未超过应到会人数的半数，不能进行表决' },
  DISPOSAL_APPROVER: { status: 403, message: '组织处置须由上级党委（乡镇党委或以上）审批' },
  DISPOSAL_NOT_RECTIFY: { status: 400, message: '只有限期改正需要期满考察' },
  DISPOSAL_SIX_MONTHS_UNSHOWN: {
    status: 400,
    message:
      '以“连续6个月不参加组织生活、不交纳党费或不做党所分配的工作”（党章第九条）为由除名，须有记录为据：提议前连续6个月的考勤或党费记录未显示该情形',
  },
  DUES_MONTH_PAID: { status: 409, message: '所选月份中有已交纳的月份，同一月份不能重复交纳' },
  DUES_BASE_MISSING: { status: 400, message: '请先为该党员设定当年的党费标准' },
  TRANSFER_OPEN: { status: 409, message: '该党员已有未办结的组织关系转接' },
  TRANSFER_APPROVER: { status: 403, message: '组织关系转出须由上级党委（乡镇党委或以上）审批' },
  TRANSFER_MEMBER_EXISTS: { status: 409, message: '该身份证号的党员已在本系统名册中，请在系统内办理组织关系转接' },

  PERIOD_INVALID: { status: 400, message: '统计周期格式应为 2026、2026-Q4 或 2026-11' },
  POINTS_RULE_NOT_FOUND: { status: 404, message: '积分规则不存在' },
  ALREADY_REVERSED: { status: 409, message: '该积分记录已被冲正，不能重复冲正' },
  CANNOT_REVERSE_REVERSAL: { status: 400, message: '冲正记录不能再次冲正' },
  IDEMPOTENCY_KEY_REQUIRED: { status: 400, message: '缺少 Idempotency-Key 请求头' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, message: '同一个 Idempotency-Key 已用于内容不同的请求' },
  RANKING_HIDDEN: { status: 403, message: '本支部未开放个人积分排名' },
  NOTICE_ALREADY_PUBLISHED: { status: 409, message: '通报已发布，不能再修改' },

  CHECKIN_CLOSED: { status: 400, message: '不在签到时间内（活动开始前 30 分钟至活动结束）' },
  CHECKIN_NOT_OPEN: { status: 400, message: '活动尚未发布或已取消，不能签到' },
  CHECKIN_TOKEN_INVALID: { status: 400, message: '签到码无效，请扫描现场的签到二维码' },
  CHECKIN_TOKEN_EXPIRED: { status: 400, message: '签到码已过期，请重新扫描现场的二维码' },
  CHECKIN_CODE_LOCKED: { status: 429, message: '签到码输错次数过多，请稍后再试，或请组织者代签' },
  CHECKIN_OUT_OF_RANGE: { status: 400, message: '您不在活动地点附近，请到现场后再签到' },
  CHECKIN_LOCATION_REQUIRED: { status: 400, message: '本活动需要定位签到，请允许获取位置后重试' },
  CHECKIN_MODE_NOT_ALLOWED: { status: 400, message: '本活动不支持该签到方式' },
  NOT_INVITED: { status: 403, message: '您不在本次活动的参加范围内' },
  ACTIVITY_NOT_DRAFT: { status: 409, message: '活动已发布，不能再修改；如需调整请取消后重新发布' },
  ACTIVITY_CANCELLED: { status: 409, message: '活动已取消' },
  ACTIVITY_NOT_PUBLISHED: { status: 409, message: '只有已发布的活动可以结算考勤' },
  ATTENDANCE_CLOSED: { status: 409, message: '考勤已结算，结对名单不能再修改' },
  MEMBER_NOT_INVITED: { status: 403, message: '该党员不在本次活动的参加范围内' },
  LEAVE_TOO_LATE: { status: 400, message: '活动已开始，不能再请假' },
  LEAVE_ALREADY_DECIDED: { status: 409, message: '该请假申请已审批' },
  ALREADY_CHECKED_IN: { status: 409, message: '已签到，无需请假' },
  UPLOAD_INVALID: { status: 400, message: '请以表单方式上传文件' },
  PHOTO_INVALID: { status: 400, message: '只能上传 JPG、PNG 或 WebP 格式的图片' },
  PHOTO_LIMIT: { status: 409, message: '每次活动最多上传 9 张照片' },
  RECTIFICATION_ALREADY_RESOLVED: { status: 409, message: '该整改通知已销号' },
  ACTIVITY_NOT_ENDED: { status: 409, message: '活动尚未结束，不能结算考勤' },
  NOT_MOBILE_MEMBER: { status: 404, message: '该党员没有流动党员登记' },
  NOT_ASSIGNED_CADRE: { status: 403, message: '只有该流动党员的联系干部或管理员可以登记联系' },
  CADRE_INVALID: { status: 400, message: '联系干部必须是本乡镇担任联系干部的党员' },
  MATERIAL_NOT_AVAILABLE: { status: 404, message: '学习资料不存在或尚未发布' },
  SESSION_NOT_FOUND: { status: 404, message: '学习记录不存在' },
  SESSION_FINISHED: { status: 409, message: '本次学习已结束，请重新打开资料' },
  QUIZ_ANSWER_INVALID: { status: 400, message: '答题内容不正确' },
  STUDY_NOT_COMPLETED: { status: 400, message: '请先学完本次网络学习的全部资料，学完后自动计入出勤' },
  STUDY_FILE_INVALID: { status: 400, message: '文件格式与所选类型不符：视频请上传 MP4，文档请上传 PDF' },
  PLAN_NOT_FOUND: { status: 404, message: '学习计划不存在' },
  NOTE_REJECTED: { status: 400, message: '内容未通过安全检查，请修改后再提交' },
  IMPORT_ROWS_INVALID: { status: 400, message: '表格中有内容不正确的行，未导入任何记录，请按提示修改后重新上传' },
  POST_ALREADY_FILLED: { status: 409, message: '该组织已有在任的该岗位人员，请先为其办理离任，再任命新的人选' },
  ALREADY_HOLDS_POST: { status: 409, message: '该党员已在该组织担任此岗位' },
  GRANT_ALREADY_ENDED: { status: 409, message: '该任职已经结束，不能重复办理离任' },

  DEED_SELF_CONFIRM: { status: 403, message: '办实事的责任人不能为自己办理的事项回访确认，请由其他同志回访' },
  NOT_LIAISON_MEMBER: { status: 403, message: '只有联系该村、片或户的党员本人或管理员可以登记走访' },
  SOURCE_ALREADY_USED: { status: 409, message: '已根据这条记录登记过办实事或便民服务' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

/** The error body of every 4xx/5xx answer. */
export interface ErrorBody {
  error: {
    code: ErrorCode | string;
    message: string;
    details?: unknown;
  };
}

/** One bad field of a VALIDATION_FAILED answer's `details`. */
export interface FieldError {
  field: string;
  message: string;
}

/** The Chinese message for a code; a code unknown to this build falls back to a generic message. */
export function errorMessage(code: string): string {
  return (ERRORS as Record<string, { message: string }>)[code]?.message ?? ERRORS.INTERNAL.message;
}
