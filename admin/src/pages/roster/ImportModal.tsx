/** 导入名册: upload an .xlsx roster, then show the counts and every bad row. */
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { ApiError, type ImportResult, type ImportRowError, MAX_IMPORT_BYTES, ROSTER_COLUMNS } from '@djzy/shared';
import { Alert, Button, Col, Modal, Row, Statistic, Table, Typography, Upload } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { downloadImportTemplate, importRoster } from '../../api/members';

/** Props of ImportModal; `onImported` fires after any import that changed the roster. */
export interface ImportModalProps {
  open: boolean;
  onClose(): void;
  onImported(): void;
}

/** The roster import dialog. */
export function ImportModal(props: ImportModalProps) {
  const importing = useMutation({ mutationFn: importRoster });
  const [result, setResult] = useState<ImportResult | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const upload = async (file: File) => {
    setError(null);
    setResult(null);
    setFileName(file.name);
    // Checked here too so a huge file fails at once instead of after a long upload.
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
    props.onClose();
  };

  return (
    <Modal title="导入名册" open={props.open} onCancel={close} footer={<Button onClick={close}>关闭</Button>} width={720} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        表格第一行为表头，依次为：
        {ROSTER_COLUMNS.map((c) => c.header).join('、')}
        。同一身份证号再次导入时更新该党员，有误的行不影响其他行。
        <Button type="link" size="small" icon={<DownloadOutlined />} onClick={() => void downloadImportTemplate().catch(() => undefined)}>
          下载模板
        </Button>
      </Typography.Paragraph>
      <Upload.Dragger
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
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
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} data-testid="import-error" />}
      {result && <ImportSummary result={result} />}
    </Modal>
  );
}

function ImportSummary(props: { result: ImportResult }) {
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
