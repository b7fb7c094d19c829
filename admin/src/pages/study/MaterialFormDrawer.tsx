/**
 * 新增资料 / 编辑资料 of 党员小书包: a drawer form for POST /study/materials and
 * PATCH /study/materials/:id — kind, text, an uploaded file (MP4 / PDF) or an address, tags, the org
 * it is for, 必学, the shortest reading time that completes it, and an optional quiz of 2–5 questions.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  ARTICLE_FORMAT_HINT,
  type CreateMaterialRequest,
  lengthMessage,
  LIMITS,
  MATERIAL_KIND_LABELS,
  MATERIAL_KINDS,
  type MaterialKind,
  type OrgNode,
  QUIZ_MODES,
  type QuizMode,
  type StudyMaterialView,
} from '@djzy/shared';
import { maxChars } from '../../components/formRules';
import { Alert, App, Button, Card, Form, Input, InputNumber, Radio, Select, Space, Switch, Typography } from 'antd';
import { FormDrawer } from '../../components/FormDrawer';
import { useEffect, useRef } from 'react';
import { namePath } from '../../api/formErrors';
import { createMaterial, studyKeys, updateMaterial } from '../../api/study';
import { useFormSave } from '../../hooks/useFormSave';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { QUIZ_MODE_LABELS, optionLetter } from './labels';
import { ArticlePreview } from './ArticlePreview';
import { StudyFileField } from './StudyFileField';

const MAX_QUESTIONS = 5;
const MAX_OPTIONS = 6;

interface QuestionValues {
  text?: string;
  options?: string[];
  answer?: number;
}

interface FormValues {
  kind: MaterialKind;
  title: string;
  summary?: string;
  tags?: string[];
  orgId: string;
  required: boolean;
  minSeconds: number;
  body?: string;
  /** A video or document: an uploaded file, or else an external address. */
  fileId?: string;
  url?: string;
  quizMode: QuizMode;
  quiz?: QuestionValues[];
  status: 'draft' | 'published';
}

const TOP_FIELDS = [
  'kind',
  'title',
  'summary',
  'tags',
  'orgId',
  'required',
  'minSeconds',
  'body',
  'fileId',
  'url',
  'quizMode',
  'quiz',
  'status',
];

/** The form's field path of a server field name (`quiz.0.answer`, `quiz.1.options.2`, `tags.3`, …). */
function fieldPath(field: string): (string | number)[] | null {
  const parts = field.split('.');
  if (!TOP_FIELDS.includes(parts[0])) return null;
  // A bad tag is shown on the tag picker as a whole.
  if (parts[0] === 'tags') return ['tags'];
  return namePath(field);
}

const blankQuestion = (): QuestionValues => ({ text: '', options: ['', ''], answer: undefined });

/** The questions as the server stores them, compared without the (hidden) answers. */
function questionsKey(quiz: { text?: string; options?: string[] }[] | undefined): string {
  return JSON.stringify((quiz ?? []).map((q) => [(q.text ?? '').trim(), (q.options ?? []).map((o) => (o ?? '').trim())]));
}

/** The org picker as a form control. */
function OrgField(props: { orgs: OrgNode[]; value?: string; onChange?(v: string): void }) {
  return (
    <OrgTreeSelect orgs={props.orgs} value={props.value ?? null} onChange={(v) => props.onChange?.(v)} width={472} testId="material-org" />
  );
}

/** Props of MaterialFormDrawer: `material` null creates one. */
export interface MaterialFormDrawerProps {
  open: boolean;
  material: StudyMaterialView | null;
  orgs: OrgNode[];
  /** Tags already in use, offered in the tag picker. */
  knownTags: string[];
  onClose(): void;
  onSaved(m: StudyMaterialView): void;
}

/** The material form in a drawer. */
export function MaterialFormDrawer(props: MaterialFormDrawerProps) {
  const { open, material, orgs } = props;
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const { save, saving } = useFormSave(form, {
    send: (body: CreateMaterialRequest) => (material ? updateMaterial(material.id, body) : createMaterial(body)),
    invalidate: studyKeys.materials,
    // VALIDATION_FAILED names each bad field (nested as `quiz.0.answer`): each under its input.
    path: fieldPath,
    onSaved: (saved: StudyMaterialView) => {
      message.success(material ? '已保存' : saved.status === 'published' ? '已发布到党员小书包' : '已保存为草稿，发布后党员才能看到');
      props.onSaved(saved);
    },
  });
  const kind = Form.useWatch('kind', form);
  const quizMode = Form.useWatch('quizMode', form);
  const quiz = Form.useWatch('quiz', form);
  const fileId = Form.useWatch('fileId', form);
  const articleBody = Form.useWatch('body', form);
  // The saved quiz of the material being edited: its right answers are never sent to the console,
  // so an untouched quiz is left out of the PATCH and the server keeps its answers.
  const savedQuiz = useRef<string | null>(null);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (material) {
      savedQuiz.current = material.quiz.length ? questionsKey(material.quiz) : null;
      form.setFieldsValue({
        kind: material.kind,
        title: material.title,
        summary: material.summary ?? undefined,
        tags: material.tags,
        orgId: material.orgId,
        required: material.required,
        minSeconds: material.minSeconds,
        body: material.body ?? undefined,
        fileId: material.fileId ?? undefined,
        // An upload's url is a signed address that expires: it is not an address to keep.
        url: material.fileId ? undefined : (material.url ?? undefined),
        quizMode: material.quizMode,
        quiz: material.quiz.map((q) => ({ text: q.text, options: q.options, answer: undefined })),
        status: material.status,
      });
    } else {
      savedQuiz.current = null;
      form.setFieldsValue({
        kind: 'article',
        required: false,
        minSeconds: 60,
        quizMode: 'none',
        quiz: [],
        tags: [],
        status: 'published',
      });
    }
  }, [open, material, form]);

  // The default org is the top of the caller's tree — set only while the field is still empty:
  // the tree may arrive (or be fetched again) after the user has picked an org, and must not
  // overwrite that choice.
  useEffect(() => {
    if (open && !material && orgs[0] && !form.getFieldValue('orgId')) form.setFieldsValue({ orgId: orgs[0].id });
  }, [open, material, orgs, form]);

  /** Whether the quiz is the saved one, untouched (no answer picked, no text changed). */
  const quizUntouched = (q: QuestionValues[] | undefined) =>
    savedQuiz.current !== null &&
    questionsKey(q) === savedQuiz.current &&
    (q ?? []).every((x) => x.answer === undefined || x.answer === null);

  const onQuizModeChange = (mode: QuizMode) => {
    // A quiz needs at least two questions: start the editor with two blank ones.
    if (mode !== 'none' && !(form.getFieldValue('quiz') as QuestionValues[] | undefined)?.length) {
      form.setFieldValue('quiz', [blankQuestion(), blankQuestion()]);
    }
  };

  const submit = (v: FormValues) => {
    const withQuiz = v.quizMode !== 'none';
    const keepSavedQuiz = !!material && withQuiz && quizUntouched(v.quiz);
    // The saved upload, untouched, is left out of a PATCH.
    const keepFile = !!material && !!v.fileId && v.kind === material.kind && v.fileId === material.fileId;
    const body: CreateMaterialRequest = {
      title: v.title.trim(),
      kind: v.kind,
      ...(v.kind === 'article'
        ? { body: (v.body ?? '').trim() }
        : v.fileId
          ? keepFile
            ? {}
            : { fileId: v.fileId }
          : { url: (v.url ?? '').trim() }),
      summary: v.summary?.trim() ?? '',
      tags: (v.tags ?? []).map((t) => t.trim()).filter(Boolean),
      orgId: v.orgId,
      required: v.required,
      minSeconds: v.minSeconds,
      quizMode: v.quizMode,
      status: v.status,
    };
    if (withQuiz && !keepSavedQuiz) {
      body.quiz = (v.quiz ?? []).map((q) => ({
        text: (q.text ?? '').trim(),
        options: (q.options ?? []).map((o) => (o ?? '').trim()),
        answer: q.answer as number,
      }));
    } else if (!withQuiz && material?.quiz.length) {
      // Switching the quiz off clears the saved questions.
      body.quiz = [];
    }
    if (!material && !body.summary) delete body.summary;
    save(body);
  };

  return (
    <FormDrawer
      title={material ? '编辑资料' : '新增资料'}
      open={open}
      onClose={props.onClose}
      onSave={() => form.submit()}
      saving={saving}
      size={600}
      testId="material-form"
      saveTestId="material-save"
    >
      <Form<FormValues> form={form} layout="vertical" onFinish={submit} name="material">
        <Form.Item name="kind" label="资料类型" rules={[{ required: true, message: '请选择资料类型' }]}>
          <Radio.Group
            optionType="button"
            options={MATERIAL_KINDS.map((k) => ({ value: k, label: MATERIAL_KIND_LABELS[k] }))}
            // A file uploaded as a video is no document: another kind needs its own file.
            onChange={(e) => form.setFieldValue('fileId', e.target.value === material?.kind ? (material?.fileId ?? undefined) : undefined)}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label="标题"
          rules={[{ required: true, whitespace: true, message: '请填写标题' }, maxChars('标题', LIMITS.materialTitle)]}
        >
          <Input placeholder="如：学习贯彻党的二十大精神" maxLength={LIMITS.materialTitle} />
        </Form.Item>
        <Form.Item name="summary" label="摘要" rules={[maxChars('摘要', LIMITS.materialSummary)]}>
          <Input.TextArea rows={2} maxLength={LIMITS.materialSummary} placeholder="一两句话介绍这份资料" />
        </Form.Item>
        <Form.Item
          name="tags"
          label="标签"
          extra="输入后按回车添加，最多 10 个"
          rules={[
            {
              validator: async (_r, v?: string[]) => {
                if (v?.some((t) => t.trim().length > LIMITS.tag)) throw new Error(lengthMessage('标签', LIMITS.tag));
              },
            },
          ]}
        >
          <Select
            mode="tags"
            tokenSeparators={[',', '，']}
            placeholder="如：党章、党史"
            options={props.knownTags.map((t) => ({ value: t, label: t }))}
            data-testid="material-tags"
          />
        </Form.Item>
        <Form.Item
          name="orgId"
          label="面向组织"
          rules={[{ required: true, message: '请选择面向的组织' }]}
          extra="该组织（含下级）的党员都能在党员小书包里看到这份资料"
        >
          <OrgField orgs={orgs} />
        </Form.Item>
        <Space size={24} align="start" wrap>
          <Form.Item name="required" label="必学" valuePropName="checked">
            <Switch checkedChildren="必学" unCheckedChildren="选学" />
          </Form.Item>
          <Form.Item
            name="minSeconds"
            label="最短学习时长（秒）"
            rules={[{ required: true, message: '请填写最短学习时长' }]}
            extra="学满这段时间（以服务器计时为准）才算完成；只用来判断是否完成"
          >
            <InputNumber id="material-min-seconds" min={0} max={7200} precision={0} style={{ width: 160 }} />
          </Form.Item>
        </Space>
        {kind === 'article' ? (
          <>
            <Form.Item
              name="body"
              label="正文"
              rules={[{ required: true, whitespace: true, message: '请填写正文' }, maxChars('正文', LIMITS.materialBody)]}
              extra={ARTICLE_FORMAT_HINT}
            >
              <Input.TextArea rows={10} maxLength={LIMITS.materialBody} />
            </Form.Item>
            <ArticlePreview body={articleBody} />
          </>
        ) : (
          <>
            <Form.Item name="fileId" label={kind === 'video' ? '上传视频' : '上传文档'}>
              <StudyFileField
                kind={kind === 'video' ? 'video' : 'document'}
                saved={
                  material?.fileId && material.kind === kind ? { fileId: material.fileId, url: material.url, file: material.file } : null
                }
              />
            </Form.Item>
            <Form.Item
              name="url"
              label={kind === 'video' ? '或填写视频地址' : '或填写文档地址'}
              dependencies={['fileId']}
              rules={fileId ? [] : [{ required: true, whitespace: true, message: '请上传文件或填写地址' }]}
              extra={fileId ? '已使用上传的文件；移除文件后可改填地址' : '以 http:// 、https:// 或 / 开头'}
            >
              <Input placeholder={fileId ? '已使用上传的文件' : 'https://…'} disabled={!!fileId} maxLength={LIMITS.materialUrl} />
            </Form.Item>
          </>
        )}
        <Form.Item name="quizMode" label="测验方式">
          <Select
            data-testid="material-quiz-mode"
            onChange={onQuizModeChange}
            options={QUIZ_MODES.map((m) => ({ value: m, label: QUIZ_MODE_LABELS[m] }))}
          />
        </Form.Item>
        {quizMode && quizMode !== 'none' && (
          <>
            {savedQuiz.current !== null && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 12 }}
                title="已保存的正确答案不在此显示：不修改测验题时保留原答案；修改任何题目或选项时，请为每道题重新选择正确答案。"
              />
            )}
            <Form.List name="quiz">
              {(fields, { add, remove }, { errors }) => (
                <div data-testid="quiz-editor">
                  {fields.map((q, qi) => {
                    const options = quiz?.[q.name]?.options ?? [];
                    return (
                      <Card
                        key={q.key}
                        size="small"
                        title={`第 ${qi + 1} 题`}
                        style={{ marginBottom: 12 }}
                        data-testid={`quiz-question-${qi}`}
                        extra={
                          <Button
                            type="link"
                            size="small"
                            danger
                            icon={<DeleteOutlined />}
                            onClick={() => remove(q.name)}
                            data-testid={`quiz-remove-${qi}`}
                          >
                            删除
                          </Button>
                        }
                      >
                        <Form.Item
                          name={[q.name, 'text']}
                          label="题目"
                          rules={[{ required: true, whitespace: true, message: '请填写题目' }]}
                        >
                          <Input maxLength={LIMITS.quizQuestion} />
                        </Form.Item>
                        <Form.List name={[q.name, 'options']}>
                          {(opts, { add: addOption, remove: removeOption }) => (
                            <>
                              {opts.map((o, oi) => (
                                <Space key={o.key} align="start" style={{ display: 'flex' }}>
                                  <Form.Item
                                    name={[o.name]}
                                    rules={[{ required: true, whitespace: true, message: '请填写选项' }]}
                                    style={{ marginBottom: 8, width: 440 }}
                                  >
                                    <Input
                                      prefix={`${optionLetter(oi)}.`}
                                      maxLength={LIMITS.quizOption}
                                      placeholder={`选项 ${optionLetter(oi)}`}
                                    />
                                  </Form.Item>
                                  {opts.length > 2 && (
                                    <Button
                                      type="text"
                                      icon={<DeleteOutlined />}
                                      aria-label="删除选项"
                                      onClick={() => {
                                        removeOption(o.name);
                                        // Keep the right answer on the same option text.
                                        const path = ['quiz', q.name, 'answer'] as ['quiz', number, 'answer'];
                                        const answer = form.getFieldValue(path) as number | undefined;
                                        if (answer === oi) form.setFieldValue(path, undefined);
                                        else if (answer !== undefined && answer > oi) form.setFieldValue(path, answer - 1);
                                      }}
                                    />
                                  )}
                                </Space>
                              ))}
                              {opts.length < MAX_OPTIONS && (
                                <Button
                                  size="small"
                                  type="dashed"
                                  icon={<PlusOutlined />}
                                  onClick={() => addOption('')}
                                  style={{ marginBottom: 12 }}
                                >
                                  添加选项
                                </Button>
                              )}
                            </>
                          )}
                        </Form.List>
                        <Form.Item
                          name={[q.name, 'answer']}
                          label="正确答案"
                          style={{ marginBottom: 0 }}
                          rules={[
                            ({ getFieldValue }) => ({
                              validator: (_, value) =>
                                value !== undefined && value !== null
                                  ? Promise.resolve()
                                  : quizUntouched(getFieldValue('quiz'))
                                    ? Promise.resolve()
                                    : Promise.reject(new Error('请选择正确答案')),
                            }),
                          ]}
                        >
                          <Radio.Group
                            data-testid={`quiz-answer-${qi}`}
                            options={options.map((_, oi) => ({ value: oi, label: optionLetter(oi) }))}
                          />
                        </Form.Item>
                      </Card>
                    );
                  })}
                  <Form.ErrorList errors={errors} />
                  {fields.length < MAX_QUESTIONS && (
                    <Button
                      type="dashed"
                      block
                      icon={<PlusOutlined />}
                      onClick={() => add(blankQuestion())}
                      data-testid="quiz-add"
                      style={{ marginBottom: 16 }}
                    >
                      添加题目
                    </Button>
                  )}
                  <Typography.Paragraph type="secondary">测验应有 2 到 5 道题，每题 2 到 6 个选项。</Typography.Paragraph>
                </div>
              )}
            </Form.List>
          </>
        )}
        <Form.Item name="status" label="发布状态">
          <Radio.Group
            options={[
              { value: 'published', label: '发布（党员可见）' },
              { value: 'draft', label: '草稿' },
            ]}
          />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
