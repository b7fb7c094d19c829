/**
 * The study parts of an activity's detail: the materials of an online study (网络学习), and the
 * pairs of a paired study (结对式) with 编辑结对 — which works after publishing too, until the
 * attendance is settled.
 */
import { EditOutlined, SwapRightOutlined } from '@ant-design/icons';
import { MATERIAL_KIND_LABELS, type ActivityView, type StudyPairInput, type StudyPairView } from '@djzy/shared';
import { App, Button, Card, Empty, Form, List, Modal, Table, Tag, Typography, type ButtonProps } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { setPairs } from '../../api/activities';
import { namePath, showFormError } from '../../api/formErrors';
import { PairsFields, pairRows, type PairRow } from './PairsFields';

/** 学习资料 of an online study activity. */
export function MaterialsCard(props: { activity: ActivityView }) {
  const { materials } = props.activity;
  return (
    <Card size="small" title="学习资料（网络学习）" data-testid="activity-materials-card">
      <Typography.Paragraph type="secondary">
        党员在小程序里学完以下全部资料，即自动计入本次活动的出勤（签到方式显示为“网络学习”）。
      </Typography.Paragraph>
      <List
        size="small"
        dataSource={materials}
        locale={{ emptyText: '尚未关联学习资料' }}
        renderItem={(m, i) => (
          <List.Item data-testid={`activity-material-${m.id}`}>
            <span>
              {i + 1}. <Tag>{MATERIAL_KIND_LABELS[m.kind]}</Tag>
              <span data-testid="activity-material-title">{m.title}</span>
            </span>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** Props of PairsCard: `onSaved` receives the pairs as the server saved them. */
export interface PairsCardProps {
  activity: ActivityView;
  onSaved(pairs: StudyPairView[]): void;
}

/** 结对名单 of a paired study activity. */
export function PairsCard({ activity, onSaved }: PairsCardProps) {
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const store = useMutation({ mutationFn: (pairs: StudyPairInput[]) => setPairs(activity.id, pairs) });
  const [form] = Form.useForm<{ pairs: PairRow[] }>();
  // Once attendance is settled the pairs are final.
  const editable = activity.canManage && activity.status !== 'cancelled' && !activity.attendanceClosed;

  // The form mounts with the modal (destroyed on close), so it starts from the saved pairs each time.
  const open = () => setEditing(true);

  const save = async (v: { pairs?: PairRow[] }) => {
    const pairs = (v.pairs ?? [])
      .filter((p) => p.mentorId && p.menteeId)
      .map((p) => ({ mentorId: p.mentorId as string, menteeId: p.menteeId as string }));
    try {
      const saved = await store.mutateAsync(pairs);
      message.success(`结对已保存（${saved.length} 对）`);
      setEditing(false);
      onSaved(saved);
    } catch (err) {
      showFormError(form, err, (f) => (f.startsWith('pairs') ? namePath(f) : null));
    }
  };

  return (
    <Card
      size="small"
      title="结对名单（结对式学习）"
      data-testid="activity-pairs-card"
      extra={
        editable && (
          <Button icon={<EditOutlined />} onClick={open} data-testid="pairs-edit">
            编辑结对
          </Button>
        )
      }
    >
      {activity.pairs.length ? (
        <Table<StudyPairView>
          rowKey="menteeId"
          size="small"
          pagination={false}
          dataSource={activity.pairs}
          data-testid="pairs-table"
          columns={[
            { title: '序号', key: 'n', width: 60, render: (_, __, i) => i + 1 },
            {
              title: '帮带党员',
              dataIndex: 'mentorName',
              width: 200,
              render: (n: string) => <span data-testid="pair-mentor-name">{n}</span>,
            },
            { title: '', key: 'arrow', width: 40, render: () => <SwapRightOutlined style={{ color: '#999' }} /> },
            { title: '学习党员', dataIndex: 'menteeName', render: (n: string) => <span data-testid="pair-mentee-name">{n}</span> },
          ]}
        />
      ) : (
        <Empty description="尚未结对" data-testid="pairs-empty" />
      )}
      {closed && <Typography.Text type="secondary">考勤已结算，结对不再修改。</Typography.Text>}
      <Modal
        title="编辑结对"
        open={editing}
        onCancel={() => setEditing(false)}
        onOk={() => form.submit()}
        okText="保存"
        cancelText="取消"
        confirmLoading={store.isPending}
        width={600}
        destroyOnHidden
        okButtonProps={{ 'data-testid': 'pairs-save' } as ButtonProps}
      >
        <Typography.Paragraph type="secondary">每位学习党员只能有一位帮带党员；两人都须是本次活动的参加人员。</Typography.Paragraph>
        <Form
          form={form}
          name="activity-pairs"
          onFinish={save}
          initialValues={{ pairs: activity.pairs.length ? pairRows(activity.pairs) : [{}] }}
        >
          <PairsFields orgId={activity.orgId} saved={activity.pairs} />
        </Form>
      </Modal>
    </Card>
  );
}
