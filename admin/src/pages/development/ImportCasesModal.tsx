/** Excel import of 发展党员 cases already under way: every row is checked by the 细则's rules, step by step; any wrong row and nothing is written. */
import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { ApiError, MAX_IMPORT_BYTES } from '@djzy/shared';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Modal, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { downloadCaseTemplate, importCases } from '../../api/development';

interface RowError {
  row: number;
  message: string;
}

export function ImportCasesButton(props: { orgId: string | null; onImported(): void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<UploadOutlined />} disabled={!props.orgId} onClick={() => setOpen(true)} data-testid="dev-import">
        Excel 导入
      </Button>
      {props.orgId && open && <ImportCasesModal orgId={props.orgId} onClose={() => setOpen(false)} onImported={props.onImported} />}
    </>
  );
}

function ImportCasesModal(props: { orgId: string; onClose(): void; onImported(): void }) {
  const importing = useMutation({ mutationFn: (file: File) => importCases(props.orgId, file) });
  const [done, setDone] = useState<string | null>(null);
  const [rows, setRows] = useState<RowError[]>([]);
  const [error, setError] = useState<string | null>(null);
  const upload = async (file: File) => {
    setError(null);
    setRows([]);
    setDone(null);
    if (!/\.xlsx$/i.test(file.name)) return setError('请上传 .xlsx 格式的 Excel 表格');
    if (file.size > MAX_IMPORT_BYTES) return setError(`文件过大，请不超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
    try {
      const res = await importing.mutateAsync(file);
      setDone(`已导入 ${res.created} 人，共 ${res.steps} 个步骤记录`);
      props.onImported();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '导入失败，请稍后再试');
      if (err instanceof ApiError && err.code === 'IMPORT_ROWS_INVALID' && Array.isArray(err.details)) setRows(err.details as RowError[]);
    }
  };
  return (
    <Modal
      title="导入发展党员档案"
      open
      onCancel={props.onClose}
      footer={<Button onClick={props.onClose}>关闭</Button>}
      width={760}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        每行一人：党支部、姓名、身份证号、出生日期、申请日期，以及已完成各步骤的日期。导入时按《中国共产党发展党员工作细则》逐步核对（与逐步录入相同），任何一行有误时整张表都不会导入。须由乡镇（或上级）管理员导入。
        <Button
          type="link"
          size="small"
          icon={<DownloadOutlined />}
          onClick={() => void downloadCaseTemplate().catch(() => undefined)}
          data-testid="dev-import-template"
        >
          下载模板
        </Button>
      </Typography.Paragraph>
      <Upload.Dragger
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        multiple={false}
        showUploadList={false}
        disabled={importing.isPending}
        beforeUpload={(file) => {
          void upload(file);
          return Upload.LIST_IGNORE;
        }}
        data-testid="dev-import-dragger"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{importing.isPending ? '正在导入…' : '点击或拖拽 .xlsx 文件到此处上传'}</p>
      </Upload.Dragger>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} data-testid="dev-import-error" />}
      {done && <Alert type="success" showIcon title={done} style={{ marginTop: 16 }} data-testid="dev-import-done" />}
      {rows.length > 0 && (
        <Table<RowError>
          data-testid="dev-import-errors"
          style={{ marginTop: 16 }}
          size="small"
          rowKey={(e) => `${e.row}:${e.message}`}
          dataSource={rows}
          pagination={rows.length > 10 ? { pageSize: 10 } : false}
          columns={[
            { title: '行号', dataIndex: 'row', width: 100, render: (row: number) => `第 ${row} 行` },
            { title: '问题', dataIndex: 'message' },
          ]}
        />
      )}
    </Modal>
  );
}
