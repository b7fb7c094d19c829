/**
 * The learning kit's article text: plain text with a few marks a township clerk can type (or
 * keeps when pasting), read the same way by the mini-program's reader and the console's preview.
 * No HTML ever: what is not a mark is text.
 *
 * - each line is a paragraph (blank lines are ignored);
 * - `# ` starts a heading, `## ` a smaller one;
 * - `- ` or `· ` starts an item of a list, `1. ` (any number) of a numbered one;
 * - `**text**` is bold.
 */
export const ARTICLE_FORMAT_HINT = '每行一段；“# ”开头为标题，“- ”开头为列表，“1. ”开头为编号列表，**文字** 为加粗';

export interface ArticleSpan {
  text: string;
  bold: boolean;
}
export type ArticleBlock =
  | { type: 'heading'; level: 1 | 2; spans: ArticleSpan[] }
  | { type: 'paragraph'; spans: ArticleSpan[] }
  | { type: 'list'; ordered: boolean; items: ArticleSpan[][] };

/** `**bold**` runs and the text between them; an unmatched `**` stays as text. */
export function articleSpans(line: string): ArticleSpan[] {
  const spans: ArticleSpan[] = [];
  let rest = line;
  for (;;) {
    const open = rest.indexOf('**');
    const close = open >= 0 ? rest.indexOf('**', open + 2) : -1;
    if (open < 0 || close < 0) break;
    if (open > 0) spans.push({ text: rest.slice(0, open), bold: false });
    if (close > open + 2) spans.push({ text: rest.slice(open + 2, close), bold: true });
    rest = rest.slice(close + 2);
  }
  if (rest) spans.push({ text: rest, bold: false });
  return spans;
}

export function articleBlocks(body: string | null | undefined): ArticleBlock[] {
  const blocks: ArticleBlock[] = [];
  for (const raw of (body ?? '').split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const heading = /^(#{1,2})\s+(.+)$/.exec(line);
    const bullet = /^[-·•]\s+(.+)$/.exec(line);
    const numbered = /^\d{1,3}[.、]\s*(.+)$/.exec(line);
    if (heading) {
      blocks.push({ type: 'heading', level: heading[1].length as 1 | 2, spans: articleSpans(heading[2]) });
    } else if (bullet || numbered) {
      const ordered = !bullet;
      const item = articleSpans((bullet ?? numbered)![1]);
      const last = blocks[blocks.length - 1];
      if (last?.type === 'list' && last.ordered === ordered) last.items.push(item);
      else blocks.push({ type: 'list', ordered, items: [item] });
    } else {
      blocks.push({ type: 'paragraph', spans: articleSpans(line) });
    }
  }
  return blocks;
}
