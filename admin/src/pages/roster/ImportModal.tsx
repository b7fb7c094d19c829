/**
 * 导入名册: upload an .xlsx roster with a progress bar (rows checked, then written, out of all —
 * the server streams it), then the counts and every bad row, which 下载错误行 saves as a file in
 * the roster's columns with 错误原因 last: fix it and import it again.
 */
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import {
  ApiError,
  ERRORS,
  IMPORT_ERROR_COLUMN,
  MAX_IMPORT_BYTES,
  ROSTER_COLUMNS,
  toLocalDate,
  type ImportResult,
  type ImportRowError,
  type ImportStreamLine,
} from '@djzy/shared';
import { Alert, Button, Col, Modal, Progress, Row, Statistic, Table, Typography, Upload } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { downloadImportTemplate, importRosterWithProgress } from '../../api/members';

type ProgressLine = Extract<ImportStreamLine, { type: 'progress' }>;

/** Saves the rejected rows as `党员名册-错误行-<day>.xlsx`: the roster's columns, then 错误原因. */
export async function saveErrorRows(errors: ImportRowError[], sourceName: string | null): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('错误行');
  sheet.columns = [
    ...ROSTER_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.key === 'idCard' ? 22 : c.key === 'org' ? 40 : 12 })),
    { header: IMPORT_ERROR_COLUMN, key: 'error', width: 60 },
  ];
  sheet.getRow(1).font = { bold: true };
  // As text, so an ID number or a date is not turned into a number on the way back.
  for (const key of ['idCard', 'phone', 'joinedAt']) sheet.getColumn(key).numFmt = '@';
  for (const e of errors) {
    const row = sheet.addRow({ ...e.values, error: `第 ${e.row} 行：${e.message}` });
    row.getCell('error').font = { color: { argb: 'FFC8161D' } };
  }
  const buffer = await book.xlsx.writeBuffer();
  const blob = new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  const base = (sourceName ?? '党员名册').replace(/\.xlsx?$/i, '');
  a.download = `${base}-错误行-${toLocalDate(new Date())}.xlsx`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Props of ImportModal; `onImported` fires after any import that changed the roster. */
export interface ImportModalProps {
  open: boolean;
  onClose(): void;
  onImported(): void;
}

/** The roster import dialog. */
export function ImportModal(props: ImportModalProps) {
  const [progress, setProgress] = useState<ProgressLine | null>(null);
  const importing = useMutation({ mutationFn: (file: File) => importRosterWithProgress(file, setProgress) });
  const [result, setResult] = useState<ImportResult | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const upload = async (file: File) => {
    setError(null);
    setResult(null);
    setFileName(file.name);
    setProgress(null);
    // Checked here too so a huge file fails at once instead of after a long upload.
    if (/\.xls$/i.test(file.name)) return setError(ERRORS.IMPORT_XLS_UNSUPPORTED.message);
    if (!/\.xlsx$/i.test(file.name)) return setError('请上传 .xlsx 格式的 Excel 表格');
    if (file.size > MAX_IMPORT_BYTES) return setError(`文件过大，请不超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
    try {
      const res = await importing.mutateAsync(file);
      setResult(res);
      if (res.created || res.updated) props.onImported();
    } catch (err) {
      // Whole-file problems (not an .xlsx, missing columns, too many rows) stay on the dialog.
      setError(err instanceof ApiError ? err.message : '导入失败，请稍后再试');
    }
  };

  const close = () => {
    setResult(null);
    setError(null);
    setFileName(null);
    setProgress(null);
    props.onClose();
  };

  return (
    <Modal title="导入名册" open={props.open} onCancel={close} footer={<Button onClick={close}>关闭</Button>} width={720} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        表格第一行为表头，依次为：
        {ROSTER_COLUMNS.map((c) => c.header).join('、')}
        。同一身份证号再次导入时更新该党员，有误的行不影响其他行；导出的名册改好后可直接导入。
        <Button type="link" size="small" icon={<DownloadOutlined />} onClick={() => void downloadImportTemplate().catch(() => undefined)}>
          下载模板
        </Button>
      </Typography.Paragraph>
      <Upload.Dragger
        accept=".xlsx,.xls,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        multiple={false}
        showUploadList={false}
        disabled={importing.isPending}
        // The upload goes through the request wrapper (token, error body), not antd's own XHR.
        beforeUpload={(file) => {
          void upload(file);
          return Upload.LIST_IGNORE;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{importing.isPending ? '正在导入…' : '点击或拖拽 .xlsx 文件到此处上传'}</p>
        {fileName && <p className="ant-upload-hint">{fileName}</p>}
      </Upload.Dragger>
      {importing.isPending && <ImportProgress progress={progress} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} data-testid="import-error" />}
      {result && <ImportSummary result={result} fileName={fileName} />}
    </Modal>
  );
}

/** Rows checked, then written, out of all rows of the file. */
function ImportProgress(props: { progress: ProgressLine | null }) {
  const p = props.progress;
  const percent = p && p.total ? Math.floor(((p.phase === 'check' ? p.done * 0.3 : p.total * 0.3 + p.done * 0.7) / p.total) * 100) : 0;
  return (
    <div
      style={{ marginTop: 16 }}
      data-testid="import-progress"
      data-done={p?.done ?? 0}
      data-total={p?.total ?? 0}
      data-phase={p?.phase ?? ''}
    >
      <Progress percent={Math.min(percent, 99)} status="active" />
      <Typography.Text type="secondary">
        {!p
          ? '正在上传并读取表格…'
          : p.phase === 'check'
            ? `正在检查：第 ${p.done} / ${p.total} 行`
            : `正在写入名册：${p.done} / ${p.total} 行`}
      </Typography.Text>
    </div>
  );
}

function ImportSummary(props: { result: ImportResult; fileName: string | null }) {
  const { created, updated, unchanged, errors } = props.result;
  return (
    <div style={{ marginTop: 16 }} data-testid="import-result">
      <Row gutter={16}>
        <CountCol title="新增" value={created} testId="import-created" />
        <CountCol title="更新" value={updated} testId="import-updated" />
        <CountCol title="无变化" value={unchanged ?? 0} testId="import-unchanged" />
        <CountCol title="有误" value={errors.length} testId="import-failed" danger={errors.length > 0} />
      </Row>
      {errors.length > 0 && (
        <div data-testid="import-errors">
          <Alert
            style={{ marginTop: 16 }}
            type="warning"
            showIcon
            title={`${errors.length} 行有误，未导入。可下载这些行，按“${IMPORT_ERROR_COLUMN}”改好后重新导入（其他行已导入，不会重复）。`}
            action={
              <Button
                size="small"
                icon={<DownloadOutlined />}
                onClick={() => void saveErrorRows(errors, props.fileName)}
                data-testid="import-download-errors"
              >
                下载错误行
              </Button>
            }
          />
          <Table<ImportRowError>
            style={{ marginTop: 16 }}
            size="small"
            rowKey={(e) => `${e.row}:${e.message}`}
            dataSource={errors}
            pagination={errors.length > 10 ? { pageSize: 10 } : false}
            columns={[
              {
                title: '行号',
                dataIndex: 'row',
                width: 100,
                render: (row: number) => `第 ${row} 行`,
              },
              { title: '问题', dataIndex: 'message' },
            ]}
          />
        </div>
      )}
    </div>
  );
}

function CountCol(props: { title: string; value: number; testId: string; danger?: boolean }) {
  return (
    <Col span={6} data-testid={props.testId} data-value={props.value}>
      <Statistic title={props.title} value={props.value} styles={props.danger ? { content: { color: '#cf1322' } } : undefined} />
    </Col>
  );
}
