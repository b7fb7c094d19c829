/**
 * 结对 of a paired study activity (结对式学习) as rows of 帮带党员 → 学习党员, inside an antd form
 * under the name `pairs`. Members are searched in the activity's org; the server decides who is
 * invited and answers with a field message (`pairs.0.menteeId`) the form shows under the row.
 */
import { DeleteOutlined, PlusOutlined, SwapRightOutlined } from '@ant-design/icons';
import { MAX_STUDY_PAIRS, type StudyPairView } from '@djzy/shared';
import { Button, Form, Space, Typography } from 'antd';
import { useMemo } from 'react';
import { MemberSearchSelect } from '../../components/MemberSearchSelect';

/** One row of the editor (both may be unset while the user picks). */
export interface PairRow {
  mentorId?: string;
  menteeId?: string;
}

/** The editor's rows of an activity's saved pairs. */
export const pairRows = (pairs: StudyPairView[]): PairRow[] => pairs.map((p) => ({ mentorId: p.mentorId, menteeId: p.menteeId }));

/** A member select as a form control, naming the members of the saved pairs before any search. */
function MemberField(props: {
  orgId: string | null;
  names: Map<string, string>;
  value?: string;
  onChange?(v?: string): void;
  testId: string;
  placeholder: string;
}) {
  const { value, names } = props;
  const initial = value && names.has(value) ? { id: value, name: names.get(value)! } : null;
  return (
    <div style={{ width: 200 }}>
      <MemberSearchSelect
        orgId={props.orgId}
        value={value}
        onChange={props.onChange}
        initial={initial}
        placeholder={props.placeholder}
        testId={props.testId}
      />
    </div>
  );
}

/** Props of PairsFields. */
export interface PairsFieldsProps {
  /** The activity's org: members are searched there. */
  orgId: string | null;
  /** The saved pairs, for the names of their members. */
  saved?: StudyPairView[];
}

/** The rows of pairs, with 添加结对 and a per-row 删除. */
export function PairsFields({ orgId, saved }: PairsFieldsProps) {
  const names = useMemo(() => {
    const m = new Map<string, string>();
    for (const p of saved ?? []) m.set(p.mentorId, p.mentorName).set(p.menteeId, p.menteeName);
    return m;
  }, [saved]);

  return (
    <Form.List name="pairs">
      {(fields, { add, remove }, { errors }) => (
        <div data-testid="pairs-editor">
          {!orgId && <Typography.Paragraph type="secondary">请先选择组织，再从该组织的党员中结对。</Typography.Paragraph>}
          {fields.map((f, i) => (
            <Space key={f.key} align="start" data-testid={`pair-row-${i}`} style={{ display: 'flex' }}>
              <Form.Item name={[f.name, 'mentorId']} rules={[{ required: true, message: '请选择帮带党员' }]} style={{ marginBottom: 8 }}>
                <MemberField orgId={orgId} names={names} testId={`pair-mentor-${i}`} placeholder="帮带党员" />
              </Form.Item>
              <SwapRightOutlined style={{ marginTop: 9, color: '#999' }} />
              <Form.Item
                name={[f.name, 'menteeId']}
                dependencies={[['pairs', f.name, 'mentorId']]}
                style={{ marginBottom: 8 }}
                rules={[
                  { required: true, message: '请选择学习党员' },
                  ({ getFieldValue }) => ({
                    validator: (_, v?: string) => {
                      if (!v) return Promise.resolve();
                      if (v === getFieldValue(['pairs', f.name, 'mentorId'])) return Promise.reject(new Error('不能与自己结对'));
                      const rows = (getFieldValue('pairs') as PairRow[] | undefined) ?? [];
                      if (rows.some((r, j) => j !== f.name && r?.menteeId === v)) return Promise.reject(new Error('该党员已在其他结对中'));
                      return Promise.resolve();
                    },
                  }),
                ]}
              >
                <MemberField orgId={orgId} names={names} testId={`pair-mentee-${i}`} placeholder="学习党员" />
              </Form.Item>
              <Button
                type="text"
                icon={<DeleteOutlined />}
                aria-label="删除结对"
                onClick={() => remove(f.name)}
                data-testid={`pair-remove-${i}`}
              />
            </Space>
          ))}
          <Form.ErrorList errors={errors} />
          {fields.length < MAX_STUDY_PAIRS && (
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({})}
              disabled={!orgId}
              data-testid="pair-add"
              style={{ marginTop: 4 }}
            >
              添加结对
            </Button>
          )}
        </div>
      )}
    </Form.List>
  );
}
