/**
 * The uploaded file of a video or document material as a form control (`value` is the `fileId`):
 * 上传 sends the file to `POST /study/uploads?kind=` with the session's token, then shows its name
 * and size. A wrong type or size is caught here by name first; the server checks the bytes and its
 * Chinese message is shown as it is.
 */
import { FileOutlined, UploadOutlined } from '@ant-design/icons';
import { ApiError, MAX_STUDY_UPLOAD_BYTES, type StudyFileView, type StudyUploadKind } from '@djzy/shared';
import { Button, Space, Typography, Upload } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { uploadStudyFile } from '../../api/study';
import { UploadError } from '../../components/UploadError';

const EXTENSIONS: Record<StudyUploadKind, { accept: string; ext: string; label: string }> = {
  video: { accept: '.mp4,video/mp4', ext: '.mp4', label: 'MP4 视频' },
  document: { accept: '.pdf,application/pdf', ext: '.pdf', label: 'PDF 文档' },
};

/** 1.2 MB, 35 KB or 120 字节. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} 字节`;
}

/** Props of StudyFileField. */
export interface StudyFileFieldProps {
  kind: StudyUploadKind;
  /** The file the material already has (editing): shown with a link until another is uploaded. */
  saved?: { fileId: string; url: string | null; file?: { filename: string; size: number } | null } | null;
  value?: string;
  onChange?(fileId: string | undefined): void;
}

/** The upload control with what was uploaded. */
export function StudyFileField({ kind, saved, value, onChange }: StudyFileFieldProps) {
  const [file, setFile] = useState<StudyFileView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: (f: File) => uploadStudyFile(kind, f),
    onSuccess: (up) => {
      setFile(up);
      onChange?.(up.fileId);
    },
    onError: (e) => setError(e instanceof ApiError ? e.message : '上传失败，请重试'),
  });
  const uploading = upload.isPending;
  const spec = EXTENSIONS[kind];
  const max = MAX_STUDY_UPLOAD_BYTES[kind];

  const beforeUpload = (f: File): boolean => {
    setError(null);
    if (!f.name.toLowerCase().endsWith(spec.ext)) {
      setError(`请上传 ${spec.label}（${spec.ext} 文件）`);
      return false;
    }
    if (f.size > max) {
      setError(`文件不能超过 ${max / 1024 / 1024} MB`);
      return false;
    }
    upload.mutate(f);
    return false;
  };

  const shown = file && file.fileId === value ? file : null;
  const keeps = !shown && saved && saved.fileId === value ? saved : null;

  return (
    <div data-testid="material-upload">
      <Space wrap>
        <Upload accept={spec.accept} showUploadList={false} beforeUpload={beforeUpload} disabled={uploading}>
          <Button icon={<UploadOutlined />} loading={uploading} data-testid="material-upload-button">
            {uploading ? '正在上传…' : value ? `重新上传${spec.label}` : `上传${spec.label}`}
          </Button>
        </Upload>
        <Typography.Text type="secondary">
          {spec.label}，不超过 {max / 1024 / 1024} MB
        </Typography.Text>
      </Space>
      {shown && (
        <div style={{ marginTop: 8 }} data-testid="material-file">
          <FileOutlined style={{ marginInlineEnd: 6 }} />
          <a href={shown.url} target="_blank" rel="noreferrer" data-testid="material-file-name">
            {shown.filename}
          </a>
          <Typography.Text type="secondary" style={{ marginInlineStart: 8 }} data-testid="material-file-size">
            {formatBytes(shown.size)}
          </Typography.Text>
          <Typography.Text type="success" style={{ marginInlineStart: 8 }}>
            已上传
          </Typography.Text>
          <Button type="link" size="small" onClick={() => onChange?.(undefined)} data-testid="material-file-remove">
            移除
          </Button>
        </div>
      )}
      {keeps && (
        <div style={{ marginTop: 8 }} data-testid="material-file">
          <FileOutlined style={{ marginInlineEnd: 6 }} />
          {keeps.url ? (
            <a href={keeps.url} target="_blank" rel="noreferrer" data-testid="material-file-name">
              {keeps.file?.filename ?? '已上传的文件（点击预览）'}
            </a>
          ) : (
            (keeps.file?.filename ?? '已上传的文件')
          )}
          {keeps.file && (
            <Typography.Text type="secondary" style={{ marginInlineStart: 8 }} data-testid="material-file-size">
              {formatBytes(keeps.file.size)}
            </Typography.Text>
          )}
          <Button type="link" size="small" onClick={() => onChange?.(undefined)} data-testid="material-file-remove">
            移除
          </Button>
        </div>
      )}
      <UploadError text={error} onClose={() => setError(null)} style={{ marginTop: 8 }} testId="material-upload-error" />
    </div>
  );
}
