/** An article as members will read it: the same marks the mini-program's reader reads (never HTML). */
import { articleBlocks, type ArticleSpan } from '@djzy/shared';
import { Typography } from 'antd';

const spans = (list: ArticleSpan[]) => list.map((sp, i) => (sp.bold ? <strong key={i}>{sp.text}</strong> : <span key={i}>{sp.text}</span>));

export function ArticlePreview({ body }: { body: string | undefined }) {
  const blocks = articleBlocks(body);
  if (!blocks.length) return null;
  return (
    <div
      data-testid="article-preview"
      style={{ border: '1px dashed #d9d9d9', borderRadius: 6, padding: '8px 12px', marginBottom: 16, maxHeight: 320, overflow: 'auto' }}
    >
      <Typography.Text type="secondary">预览（党员看到的样子）</Typography.Text>
      <Typography style={{ marginTop: 8 }}>
        {blocks.map((b, i) =>
          b.type === 'heading' ? (
            <Typography.Title key={i} level={b.level === 1 ? 4 : 5} data-testid="article-preview-heading">
              {spans(b.spans)}
            </Typography.Title>
          ) : b.type === 'list' ? (
            b.ordered ? (
              <ol key={i}>
                {b.items.map((item, j) => (
                  <li key={j}>{spans(item)}</li>
                ))}
              </ol>
            ) : (
              <ul key={i}>
                {b.items.map((item, j) => (
                  <li key={j}>{spans(item)}</li>
                ))}
              </ul>
            )
          ) : (
            <Typography.Paragraph key={i} style={{ textIndent: '2em', marginBottom: 8 }}>
              {spans(b.spans)}
            </Typography.Paragraph>
          ),
        )}
      </Typography>
    </div>
  );
}
