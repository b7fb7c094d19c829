/**
 * One problem: what it is, its history (整改清单) as a timeline with the linked evidence, and the
 * moves the assigning org may make from its state — 交办, 延期, 复查 (通过销号 / 退回重改), 作废.
 * The server decides; a refused move shows its answer in the dialog (a field error under the input).
 */
import {
  PROBLEM_EVENT_LABELS,
  PROBLEM_MOVES,
  PROBLEM_SOURCE_LABELS,
  type ProblemEventView,
  type ProblemMove,
  type ProblemView,
} from '@djzy/shared';
import { Alert, Button, Descriptions, Drawer, Empty, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useProblem } from '../../api/problems';
import { minute, ProblemStatusCell } from './labels';
import { ProblemMoveModal, type ManagerMove } from './ProblemMoveModal';

const MOVE_BUTTONS: { move: ManagerMove; label: string; danger?: boolean }[] = [
  { move: 'assign', label: '交办' },
  { move: 'extend', label: '延期' },
  { move: 'recheck', label: '复查' },
  { move: 'void', label: '作废', danger: true },
];

const allows = (p: ProblemView, move: ProblemMove) => (PROBLEM_MOVES[move] as readonly string[]).includes(p.status);

export function ProblemDrawer(props: { id: string | null; onClose(): void }) {
  const problem = useProblem(props.id);
  const [move, setMove] = useState<ManagerMove | null>(null);
  const p = problem.data;

  return (
    <Drawer
      title="问题详情"
      open={!!props.id}
      onClose={props.onClose}
      size={640}
      destroyOnHidden
      data-testid="problem-drawer"
      extra={
        p?.canManage && (
          <Space>
            {MOVE_BUTTONS.filter((b) => allows(p, b.move)).map((b) => (
              <Button
                key={b.move}
                danger={b.danger}
                type={b.move === 'void' ? 'default' : 'primary'}
                onClick={() => setMove(b.move)}
                data-testid={`problem-${b.move}`}
              >
                {b.label}
              </Button>
            ))}
          </Space>
        )
      }
    >
      {problem.isLoading && <Spin style={{ display: 'block', marginTop: 40 }} />}
      {problem.isError && <Alert type="error" showIcon title="问题不存在或无权查看" />}
      {p && (
        <>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label="组织">{p.orgName}</Descriptions.Item>
            <Descriptions.Item label="年度">{p.year}</Descriptions.Item>
            <Descriptions.Item label="来源">
              {PROBLEM_SOURCE_LABELS[p.source]}
              {p.longTerm && (
                <Tag color="gold" style={{ marginInlineStart: 6 }}>
                  长期坚持
                </Tag>
              )}
            </Descriptions.Item>
            <Descriptions.Item label="类别">{p.category}</Descriptions.Item>
            <Descriptions.Item label="问题描述" span={2}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{p.description}</Typography.Paragraph>
            </Descriptions.Item>
            <Descriptions.Item label="交办单位">{p.assignerOrgName}</Descriptions.Item>
            <Descriptions.Item label="责任人">{p.responsibleName ?? '未交办'}</Descriptions.Item>
            <Descriptions.Item label="整改期限">
              {p.deadline ?? '—'}
              {p.extensions > 0 && <Typography.Text type="secondary">（延期 {p.extensions} 次）</Typography.Text>}
            </Descriptions.Item>
            <Descriptions.Item label="状态">
              <span data-testid="problem-drawer-status">
                <ProblemStatusCell problem={p} />
              </span>
            </Descriptions.Item>
            <Descriptions.Item label="登记">
              {p.raisedByName} {minute(p.raisedAt)}
            </Descriptions.Item>
            {p.closedAt && (
              <Descriptions.Item label="销号">
                {p.closedByName} {minute(p.closedAt)}
              </Descriptions.Item>
            )}
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 20 }}>
            整改记录
          </Typography.Title>
          {p.events.length ? (
            <Timeline
              data-testid="problem-history"
              items={p.events.map((e) => ({ key: e.id, color: colorOf(e), content: <EventItem event={e} /> }))}
            />
          ) : (
            <Empty description="暂无记录" />
          )}
        </>
      )}
      {p && move && <ProblemMoveModal problem={p} move={move} onClose={() => setMove(null)} />}
    </Drawer>
  );
}

function colorOf(e: ProblemEventView): string {
  if (e.kind === 'passed') return 'green';
  if (e.kind === 'returned' || e.kind === 'voided') return 'red';
  if (e.kind === 'extended') return 'orange';
  return 'blue';
}

function EventItem(props: { event: ProblemEventView }) {
  const e = props.event;
  return (
    <div data-testid={`problem-event-${e.kind}`}>
      <Typography.Text strong>{PROBLEM_EVENT_LABELS[e.kind]}</Typography.Text>
      <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
        {e.byName} · {minute(e.at)}
      </Typography.Text>
      {e.kind === 'extended' && (
        <div>
          期限：{e.fromDeadline ?? '—'} → {e.toDeadline}
        </div>
      )}
      {e.text && <div style={{ whiteSpace: 'pre-wrap' }}>{e.text}</div>}
      {e.evidence.length > 0 && (
        <div style={{ marginTop: 4 }}>
          佐证：
          {e.evidence.map((ev) => (
            <Tag key={`${ev.type}:${ev.id}`} color={ev.label ? 'blue' : 'default'}>
              {ev.label || '（记录已删除）'}
            </Tag>
          ))}
        </div>
      )}
    </div>
  );
}
