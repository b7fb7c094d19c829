import { articleBlocks, articleSpans } from './article';

describe('article text', () => {
  it('reads plain lines as paragraphs, as before', () => {
    expect(articleBlocks('第一段。\n\n第二段。\n第三段。')).toEqual([
      { type: 'paragraph', spans: [{ text: '第一段。', bold: false }] },
      { type: 'paragraph', spans: [{ text: '第二段。', bold: false }] },
      { type: 'paragraph', spans: [{ text: '第三段。', bold: false }] },
    ]);
    expect(articleBlocks(null)).toEqual([]);
  });

  it('reads headings, lists and bold', () => {
    expect(articleBlocks('# 党员的义务\n## 第一条\n- 认真**学习**\n- 贯彻执行\n1. 甲\n2、乙\n正文')).toEqual([
      { type: 'heading', level: 1, spans: [{ text: '党员的义务', bold: false }] },
      { type: 'heading', level: 2, spans: [{ text: '第一条', bold: false }] },
      {
        type: 'list',
        ordered: false,
        items: [
          [
            { text: '认真', bold: false },
            { text: '学习', bold: true },
          ],
          [{ text: '贯彻执行', bold: false }],
        ],
      },
      { type: 'list', ordered: true, items: [[{ text: '甲', bold: false }], [{ text: '乙', bold: false }]] },
      { type: 'paragraph', spans: [{ text: '正文', bold: false }] },
    ]);
  });

  it('keeps what is not a mark as text, HTML included', () => {
    expect(articleSpans('a ** b')).toEqual([{ text: 'a ** b', bold: false }]);
    expect(articleSpans('****')).toEqual([]);
    expect(articleBlocks('<script>alert(1)</script>')).toEqual([
      { type: 'paragraph', spans: [{ text: '<script>alert(1)</script>', bold: false }] },
    ]);
    expect(articleBlocks('#没有空格')).toEqual([{ type: 'paragraph', spans: [{ text: '#没有空格', bold: false }] }]);
  });
});
