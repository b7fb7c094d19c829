/**
 * 学习心得审核: reflections WeChat's content check could not clear (or members without a WeChat
 * binding) wait here for the secretary — 通过 publishes them (and awards their points), 不通过
 * keeps them from the branch. Tabs show the published and the refused ones.
 */
import { NOTE_STATUS_LABELS, type NoteStatus, type StudyNoteView } from '@djzy/shared';
import { App, Button, Card, Space, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { reviewNote, studyKeys, useNotes } from '../../api/study';
import { PagedTable } from '../../components/PagedTable';
import { usePaging } from '../../hooks/usePaging';

const TABS: NoteStatus[] = ['review', 'published', 'rejected'];

/** The reflection review screen. */
export function NotesReviewPage() {
  const { message, modal } = App.useApp();
  const [status, setStatus] = useState<NoteStatus>('review');
  const paging = usePaging();
  const list = useNotes({ status, page: paging.page, pageSize: paging.pageSize });
  const [busy, setBusy] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const reload = () => void queryClient.invalidateQueries({ queryKey: studyKeys.notes });

  const decide = async (n: StudyNoteView, approve: boolean) => {
    setBusy(n.id);
    try {
      const saved = await reviewNote(n.id, approve).catch(() => null);
      if (!saved) return;
      message.success(approve ? `已通过，${n.memberName}的学习心得已发布` : '已标记为不通过');
      reload();
    } finally {
      setBusy(null);
    }
  };

  const reject = (n: StudyNoteView) =>
    modal.confirm({
      title: '不通过',
      content: `确定不通过${n.memberName}的这篇学习心得吗？不通过的心得不会在支部内展示。`,
      okText: '不通过',
      okButtonProps: { danger: true },
      cancelText: '返回',
      onOk: () => decide(n, false),
    });

  const columns: ColumnsType<StudyNoteView> = [
    { title: '党员', dataIndex: 'memberName', width: 100 },
    {
      title: '学习资料',
      dataIndex: 'materialTitle',
      width: 200,
      ellipsis: true,
      render: (t: string | null, n) => t ?? (n.activityId ? '学习活动' : <Typography.Text type="secondary">—</Typography.Text>),
    },
    {
      title: '心得内容',
      dataIndex: 'content',
      render: (c: string) => (
        <Typography.Paragraph
          data-testid="note-content"
          style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}
          ellipsis={{ rows: 3, expandable: true, symbol: '展开' }}
        >
          {c}
        </Typography.Paragraph>
      ),
    },
    { title: '提交时间', dataIndex: 'createdAt', width: 150, render: (t: string) => dayjs(t).format('YYYY-MM-DD HH:mm') },
    ...(status === 'review'
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 140,
            render: (_: unknown, n: StudyNoteView) => (
              <Space size={0}>
                <Button
                  type="link"
                  size="small"
                  loading={busy === n.id}
                  onClick={() => decide(n, true)}
                  data-testid={`note-approve-${n.id}`}
                >
                  通过
                </Button>
                <Button
                  type="link"
                  size="small"
                  danger
                  disabled={busy === n.id}
                  onClick={() => reject(n)}
                  data-testid={`note-reject-${n.id}`}
                >
                  不通过
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card size="small" title="学习心得审核">
      <Tabs
        data-testid="note-tabs"
        activeKey={status}
        onChange={(k) => (setStatus(k as NoteStatus), paging.firstPage())}
        items={TABS.map((s) => ({ key: s, label: NOTE_STATUS_LABELS[s] }))}
      />
      {status === 'review' && (
        <Typography.Paragraph type="secondary">
          未能通过微信内容安全检查自动发布的心得（含未绑定微信的党员所写）在此等待审核，通过后才在支部内展示。
        </Typography.Paragraph>
      )}
      <PagedTable<StudyNoteView>
        columns={columns}
        list={list}
        data-testid="note-table"
        locale={{ emptyText: status === 'review' ? '没有待审核的学习心得' : '暂无' }}
        paging={paging}
        unit="篇"
      />
    </Card>
  );
}
