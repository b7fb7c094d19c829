/** One column per material with ✓ (done) or — (not done): completion is never shown as time. */
import { Tooltip, Typography } from 'antd';
import type { ColumnType } from 'antd/es/table';

export function doneColumns<R extends { memberId: string; done: string[] }>(
  materials: { id: string; title: string }[],
  opts: { width: number; headerTestId: (materialId: string) => string; cellTestId: (memberId: string, materialId: string) => string },
): ColumnType<R>[] {
  return materials.map((mat) => ({
    key: mat.id,
    title: (
      <Tooltip title={mat.title}>
        <span
          data-testid={opts.headerTestId(mat.id)}
          style={{
            display: 'inline-block',
            maxWidth: opts.width,
            overflow: 'hidden',
            textOverflow: 'ellipsis',
            whiteSpace: 'nowrap',
            verticalAlign: 'bottom',
          }}
        >
          {mat.title}
        </span>
      </Tooltip>
    ),
    width: opts.width,
    align: 'center' as const,
    render: (_: unknown, r: R) =>
      r.done.includes(mat.id) ? (
        <Typography.Text type="success" data-testid={opts.cellTestId(r.memberId, mat.id)} aria-label="已完成">
          ✓
        </Typography.Text>
      ) : (
        <Typography.Text type="secondary" data-testid={opts.cellTestId(r.memberId, mat.id)} aria-label="未完成">
          —
        </Typography.Text>
      ),
  }));
}
