/**
 * The findings of a 督查通报 or a 专项检查, inside the caller's antd form as `findings`: rows of
 * 组织 + 类别 + 描述, added and removed. Each becomes a problem of the org it names.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { LIMITS, MAX_FINDINGS, type OrgNode } from '@djzy/shared';
import { AutoComplete, Button, Card, Form, Input } from 'antd';
import { maxChars } from '../../components/formRules';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';

/** Categories the 三张清单 usually carry (free text: any other may be typed). */
export const FINDING_CATEGORIES = ['组织建设', '组织生活', '党员教育管理', '作风建设', '阵地建设', '党风廉政', '基层治理', '为民服务'];

function OrgField(props: { orgs: OrgNode[]; index: number; value?: string; onChange?(v: string): void }) {
  return (
    <OrgTreeSelect
      orgs={props.orgs}
      value={props.value ?? null}
      onChange={(v) => props.onChange?.(v)}
      width={300}
      testId={`finding-org-${props.index}`}
    />
  );
}

/** A server field of the findings (`findings.0.orgId`) as the form's name path. */
export const findingPath = (field: string): (string | number)[] | null => {
  const m = /^findings\.(\d+)\.(orgId|category|description)$/.exec(field);
  return m ? ['findings', Number(m[1]), m[2]] : field === 'findings' ? ['findings'] : null;
};

export function FindingsEditor(props: { orgs: OrgNode[]; required?: boolean }) {
  return (
    <Form.List
      name="findings"
      rules={
        props.required
          ? [
              {
                validator: async (_, rows?: unknown[]) =>
                  rows?.length ? undefined : Promise.reject(new Error('请至少填写一条发现的问题')),
              },
            ]
          : []
      }
    >
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map((f, i) => (
            <Card
              key={f.key}
              size="small"
              style={{ marginBottom: 8 }}
              title={`问题 ${i + 1}`}
              data-testid={`finding-${i}`}
              extra={
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  onClick={() => remove(f.name)}
                  data-testid={`finding-remove-${i}`}
                  aria-label="删除"
                />
              }
            >
              <Form.Item name={[f.name, 'orgId']} label="组织" rules={[{ required: true, message: '请选择问题所在组织' }]}>
                <OrgField orgs={props.orgs} index={i} />
              </Form.Item>
              <Form.Item
                name={[f.name, 'category']}
                label="类别"
                rules={[{ required: true, whitespace: true, message: '请填写问题类别' }, maxChars('问题类别', LIMITS.problemCategory)]}
              >
                <AutoComplete
                  options={FINDING_CATEGORIES.map((c) => ({ value: c }))}
                  placeholder="如：组织生活"
                  maxLength={LIMITS.problemCategory}
                />
              </Form.Item>
              <Form.Item
                name={[f.name, 'description']}
                label="描述"
                rules={[{ required: true, whitespace: true, message: '请填写问题描述' }, maxChars('问题描述', LIMITS.problemDescription)]}
                style={{ marginBottom: 0 }}
              >
                <Input.TextArea rows={2} maxLength={LIMITS.problemDescription} />
              </Form.Item>
            </Card>
          ))}
          <Form.ErrorList errors={errors} />
          <Button
            type="dashed"
            block
            icon={<PlusOutlined />}
            disabled={fields.length >= MAX_FINDINGS}
            onClick={() => add({ category: '', description: '' })}
            data-testid="finding-add"
            style={{ marginBottom: 16 }}
          >
            添加问题
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** The rows as the API takes them (trimmed). */
export const toFindings = (rows: { orgId?: string; category?: string; description?: string }[] | undefined) =>
  (rows ?? []).map((r) => ({ orgId: r.orgId!, category: (r.category ?? '').trim(), description: (r.description ?? '').trim() }));
