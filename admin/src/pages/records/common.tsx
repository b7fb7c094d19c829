/** What the 述职台账 screens share: the org and year chosen, the toolbar, and the Excel import dialog. */
import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { ApiError, MAX_IMPORT_BYTES, RECORD_IMPORT_COLUMNS, type RecordImportKind } from '@djzy/shared';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Modal, Select, Space, Table, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { useState, type ReactNode } from 'react';
import { downloadRecordTemplate, importRecords, IMPORT_NAMES } from '../../api/records';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useOrgChoice } from '../../hooks/useOrgs';
import { yearOptions } from '../problems/labels';

/** The org (the top of the caller's scope until another is picked) and the year (this one) a screen shows. */
export function useRecordScope() {
  const { orgs, orgId, setOrgId } = useOrgChoice();
  const [year, setYear] = useState(dayjs().year());
  return { orgs, orgId, setOrgId, year, setYear, scope: orgId ? { orgId, year } : null };
}

/** Org picker, year, and whatever buttons the screen adds. */
export function RecordToolbar(props: { scope: ReturnType<typeof useRecordScope>; prefix: string; noYear?: boolean; children?: ReactNode }) {
  const { orgs, orgId, setOrgId, year, setYear } = props.scope;
  return (
    <Space wrap style={{ marginBottom: 12 }}>
      {orgs && <OrgTreeSelect orgs={orgs} value={orgId} onChange={setOrgId} testId={`${props.prefix}-org`} />}
      {!props.noYear && (
        <Select<number>
          data-testid={`${props.prefix}-year`}
          style={{ width: 110 }}
          value={year}
          onChange={setYear}
          options={yearOptions()}
        />
      )}
      {props.children}
    </Space>
  );
}

/** The 导入 button and its dialog, for one kind of record into the chosen org. */
export function ImportButton(props: { kind: RecordImportKind; orgId: string | null; onImported(): void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<UploadOutlined />} disabled={!props.orgId} onClick={() => setOpen(true)} data-testid={`${props.kind}-import`}>
        Excel 导入
      </Button>
      {props.orgId && (
        <ImportRecordsModal
          kind={props.kind}
          orgId={props.orgId}
          open={open}
          onClose={() => setOpen(false)}
          onImported={props.onImported}
        />
      )}
    </>
  );
}

interface RowError {
  row: number;
  message: string;
}

/** Upload an .xlsx: every row is imported, or (any row wrong) none, and each wrong row is listed. */
export function ImportRecordsModal(props: { kind: RecordImportKind; orgId: string; open: boolean; onClose(): void; onImported(): void }) {
  const importing = useMutation({ mutationFn: (file: File) => importRecords(props.kind, props.orgId, file) });
  const [created, setCreated] = useState<number | null>(null);
  const [rows, setRows] = useState<RowError[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);

  const upload = async (file: File) => {
    setError(null);
    setRows([]);
    setCreated(null);
    setFileName(file.name);
    if (!/\.xlsx$/i.test(file.name)) return setError('请上传 .xlsx 格式的 Excel 表格');
    if (file.size > MAX_IMPORT_BYTES) return setError(`文件过大，请不超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
    try {
      const res = await importing.mutateAsync(file);
      setCreated(res.created);
      props.onImported();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '导入失败，请稍后再试');
      if (err instanceof ApiError && err.code === 'IMPORT_ROWS_INVALID' && Array.isArray(err.details)) setRows(err.details as RowError[]);
    }
  };
  const close = () => {
    setCreated(null);
    setRows([]);
    setError(null);
    setFileName(null);
    props.onClose();
  };

  return (
    <Modal
      title={`导入${IMPORT_NAMES[props.kind]}`}
      open={props.open}
      onCancel={close}
      footer={<Button onClick={close}>关闭</Button>}
      width={720}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        表格第一行为表头：{RECORD_IMPORT_COLUMNS[props.kind].map((c) => c.header).join('、')}
        。任何一行有误时整张表都不会导入，请按提示修改后重新上传。
        <Button
          type="link"
          size="small"
          icon={<DownloadOutlined />}
          onClick={() => void downloadRecordTemplate(props.kind).catch(() => undefined)}
          data-testid="import-template"
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
        data-testid="import-dragger"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{importing.isPending ? '正在导入…' : '点击或拖拽 .xlsx 文件到此处上传'}</p>
        {fileName && <p className="ant-upload-hint">{fileName}</p>}
      </Upload.Dragger>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} data-testid="import-error" />}
      {created !== null && (
        <Alert type="success" showIcon title={`已导入 ${created} 条记录`} style={{ marginTop: 16 }} data-testid="import-done" />
      )}
      {rows.length > 0 && (
        <Table<RowError>
          data-testid="import-errors"
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

/** 元 from 分, with two decimals. */
export const yuan = (cents: number) =>
  `${(cents / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;
