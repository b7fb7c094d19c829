/**
 * The yearly report as files: Word in the seed's structure (each XX replaced by its figure, in
 * 公文 layout as far as Word allows: GB/T 9704 margins, 方正小标宋 title, 黑体/楷体 headings,
 * 仿宋 body at 三号, 28-point fixed lines), and Excel (the figures, then one sheet per figure
 * listing its records).
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { AlignmentType, Document, LineRuleType, Packer, Paragraph, TextRun } from 'docx';
import { REPORT_SOURCE_TYPE_LABELS, type AnnualReport, type ReportFigure } from '@djzy/shared';

const BODY_FONT = '仿宋_GB2312';
const SIZE = 32; // 三号 (16 pt), in half-points
const LINE = { line: 560, lineRule: LineRuleType.EXACT }; // 28 pt

function body(
  runs: (string | { text: string; bold?: boolean; font?: string })[],
  opts: { indent?: boolean; center?: boolean } = {},
): Paragraph {
  return new Paragraph({
    alignment: opts.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    indent: opts.indent === false ? undefined : { firstLine: 640 },
    spacing: LINE,
    children: runs.map((r) =>
      typeof r === 'string'
        ? new TextRun({ text: r, font: BODY_FONT, size: SIZE })
        : new TextRun({ text: r.text, bold: r.bold, font: r.font ?? BODY_FONT, size: SIZE }),
    ),
  });
}
const heading = (text: string) => body([{ text, font: '黑体' }]);
const subheading = (text: string) => body([{ text, font: '楷体_GB2312' }]);

/** The text of a figure where the seed has XX: its value, a part's value, or a plain mark when there is no record kind yet. */
function slot(figures: Map<number, ReportFigure>, no: number, part?: string): string {
  const f = figures.get(no);
  if (!f || f.value === null) return '（暂无记录）';
  if (part) return String(f.parts?.find((p) => p.key === part)?.value ?? 0);
  return String(f.value);
}

/** The seed's 一、履职工作的特色和成效, paragraph by paragraph, with `{n}` / `{n.part}` / `{12.names}` where it has XX. */
const ACHIEVEMENTS: { sub?: string; text: string }[] = [
  {
    sub: '（一）注重“三个坚持”，自觉履职尽责。',
    text: '一是坚持做表率，履行党建工作职责。始终把党建工作作为第一要务，带头履行党委主体责任，召开党建专题研究会议{1}次，党委中心组学习{2}次，调研{3}次，与各村支部成员谈心交流{4}人次，走访党员和贫困户{5}户，解决党建方面问题{6}个，党建责任有力传导。二是坚持抓管理，规范党建工作制度。建立基层党建（责任、问题、整改）三张清单，制定农村支部书记抓党建责任清单，对党员实行积分制管理，党建规范化制度化大力提升。三是坚持勤督查，保障党建工作落实。按任务倒排工序，实时跟踪督查，限期整改，约谈整改工作落实不力的村干部{7}名。全年开展党建专项检查{8}次，组织乡村干部到党建示范点观摩{9}次，下发党建工作督查通报{10}期，召开村干部述职测评会{11}场（次），党建工作落地有声。',
  },
  {
    sub: '（二）做到“三个提升”，夯实党建基础。',
    text: '一是提升党组织的硬实力。对{12}个村党支部党建阵地进行标准化建设，投入资金{13}万元{12.names}。针对{14}个后进村党组织存在的突出问题和薄弱环节，采取领导定点联系、干部驻点帮扶等措施，其中{14.moved_up}个实现晋位升级。选树表彰{15.orgs}个基层党组织和{15.members}名优秀共产党员。二是提升党组织的软实力。全年发展党员{16}名，培养入党积极分子{17}名。为{18}个村选齐配强团支部书记和妇联主席，对不能胜任的{19}名党支部书记进行了调整，对{20}名不按时参加党支部组织生活的农村党员下发了限期整改通知书，处置不合格党员{21}名，组织支部书记集中学习{22}次，党建工作专题交流汇报{23}次，干部队伍战斗力有效提升。三是提升党组织的向心力。推行“课堂式、结对式、定点式、网络式”“四式”学习办法，组织全体党员集中学习{24}场（次），领导干部讲党课{25}场（次），实现了党员教育经常化、全覆盖。针对{prev}年述职评议考核中点出的{26}个问题和党建观摩评议提出的{27.categories}类{27.items}条意见建议，建立问题、责任和整改“三张清单”和整改销号管理制度。',
  },
  {
    sub: '（三）着眼“三个服务”，发挥堡垒作用。',
    text: '一是服务党员见真情。实行流动党员一对一联系服务机制，为{28}名党员发放党员小书包和党员手册，“七一”、春节期间慰问生活困难党员{29}名。二是服务群众搭桥梁。推进党务、村务、财务公开，确保各项惠农资金发放在阳光下运行。三是服务民生促发展。开展“科级干部联村、支部委员联片、无职党员联户”活动，全年为群众办实事{30}件{30.confirmed_note}。',
  },
];

function fill(text: string, report: AnnualReport): string {
  const figures = new Map(report.figures.map((f) => [f.no, f]));
  return text.replace(/\{(\w+)(?:\.(\w+))?\}/g, (_, a: string, b?: string) => {
    if (a === 'prev') return String(report.year - 1);
    const no = Number(a);
    if (b === 'names') {
      const names = figures.get(no)?.sources.map((s) => s.orgName ?? s.name) ?? [];
      return names.length
        ? `，对${names.slice(0, 5).join('、')}${names.length > 5 ? '等' : ''}${names.length}个村党建活动阵地进行了标准化打造`
        : '';
    }
    if (b === 'confirmed_note') {
      const f = figures.get(no);
      const c = f?.parts?.find((p) => p.key === 'confirmed')?.value;
      return f && f.value !== null && c !== undefined ? `（其中${c}件经回访确认）` : '';
    }
    return slot(figures, no, b);
  });
}

export async function annualDocx(report: AnnualReport): Promise<Buffer> {
  const who = report.orgKind === 'branch' ? '党支部书记' : report.orgKind === 'county' ? '县委书记' : '党委书记';
  const bySource = new Map<string, AnnualReport['openProblems']>();
  for (const x of report.openProblems) bySource.set(x.source, [...(bySource.get(x.source) ?? []), x]);
  const overdue = report.openProblems.filter((x) => x.overdue).length;
  const missing = report.figures.filter((f) => f.value === null);
  const doc = new Document({
    creator: '党建智慧云',
    title: `${report.orgName}${report.year}年度抓基层党建工作述职报告`,
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { line: 720, lineRule: LineRuleType.EXACT, after: 240 },
            children: [
              new TextRun({ text: `${report.orgName}${who}${report.year}年度抓基层党建工作述职报告`, font: '方正小标宋简体', size: 44 }),
            ],
          }),
          body(['根据会议安排，现将我抓基层党建工作和履行主体责任情况报告如下：']),
          heading('一、履职工作的特色和成效'),
          ...ACHIEVEMENTS.flatMap((a) => [...(a.sub ? [subheading(a.sub)] : []), body([fill(a.text, report)])]),
          heading('二、存在的主要问题'),
          body([
            report.openProblems.length
              ? `截至${report.generatedAt.slice(0, 10)}，本年度问题清单中尚有${report.openProblems.length}个问题未销号，其中${overdue}个已超过整改期限，按来源列示如下。`
              : '本年度问题清单中的问题已全部整改销号。',
          ]),
          ...[...bySource.entries()].flatMap(([source, list], i) => [
            subheading(`（${'一二三四五六七八九十'[i] ?? i + 1}）${source}（${list.length}个）`),
            ...list.map((x, k) =>
              body([
                `${k + 1}. ${x.orgName}：【${x.category}】${x.description}${x.deadline ? `（整改期限${x.deadline}${x.overdue ? '，已逾期' : ''}）` : '（尚未交办）'}`,
              ]),
            ),
          ]),
          heading('三、下一步工作思路和主要措施'),
          body([
            report.openResponsibilities.length
              ? `对照责任清单，以下${report.openResponsibilities.length}项工作尚未完成，下一步逐项落实、按期验单：`
              : '本年度责任清单事项均已完成，下一步将对照新一年度责任清单逐项落实。',
          ]),
          ...report.openResponsibilities.map((r, k) =>
            body([`${k + 1}. ${r.orgName}：【${r.category}】${r.content}${r.dueDate ? `（完成时限${r.dueDate}）` : ''}`]),
          ),
          ...(missing.length
            ? [
                body([
                  {
                    text: `说明：${missing.map((f) => `第${f.no}项“${f.label}”`).join('、')}暂无记录来源，文中标为“（暂无记录）”。`,
                    font: BODY_FONT,
                  },
                ]),
              ]
            : []),
          body([
            `（本报告数据由党建智慧云根据${report.year}年度工作记录生成，生成时间${report.generatedAt.slice(0, 16).replace('T', ' ')}，每项数据均可在系统中查看对应记录。）`,
          ]),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

export async function annualXlsx(report: AnnualReport): Promise<Buffer> {
  // Streamed, rows committed as written, inline strings: a county's sheets hold tens of
  // thousands of records (every member given the kit), and the in-memory workbook took seconds.
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: false, useStyles: true });
  wb.creator = '党建智慧云';
  const main = wb.addWorksheet('述职报告数据');
  main.columns = [
    { header: '序号', key: 'no', width: 6 },
    { header: '指标', key: 'label', width: 36 },
    { header: '数值', key: 'value', width: 10 },
    { header: '单位', key: 'unit', width: 10 },
    { header: '其中', key: 'parts', width: 26 },
    { header: '记录数', key: 'count', width: 8 },
    { header: '统计口径', key: 'rule', width: 60 },
  ];
  main.getRow(1).font = { bold: true };
  for (const f of report.figures)
    main
      .addRow([
        f.no,
        f.label,
        f.value ?? '—',
        f.unit,
        f.parts?.map((p) => `${p.label}${p.value}${p.unit}`).join('；') ?? '',
        f.value === null ? '' : f.sources.length,
        f.value === null ? `${f.rule}（${f.missing}）` : f.rule,
      ])
      .commit();
  main.commit();
  for (const f of report.figures) {
    const sheet = wb.addWorksheet(`${f.no}-${f.label}`.replace(/[\\/?*[\]:]/g, '').slice(0, 31));
    const money = f.sources.some((s) => s.amountCents !== undefined);
    sheet.columns = [
      { header: '序号', key: 'i', width: 6 },
      { header: '名称', key: 'name', width: 44 },
      { header: '日期', key: 'date', width: 12 },
      { header: '组织', key: 'org', width: 24 },
      { header: '类型', key: 'type', width: 14 },
      ...(money ? [{ header: '金额（元）', key: 'amount', width: 14 }] : []),
      { header: '记录编号', key: 'id', width: 28 },
    ];
    sheet.getRow(1).font = { bold: true };
    f.sources.forEach((s, i) =>
      sheet
        .addRow([
          i + 1,
          s.name,
          s.date ?? '',
          s.orgName ?? '',
          REPORT_SOURCE_TYPE_LABELS[s.type],
          ...(money ? [s.amountCents !== undefined ? s.amountCents / 100 : null] : []),
          s.id,
        ])
        .commit(),
    );
    if (f.value === null) sheet.addRow([null, `暂无记录来源：${f.missing}`]).commit();
    sheet.commit();
  }
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
