/**
 * 导出: runs an export (a download, or a sheet built here) with the button spinning meanwhile. An
 * API error has been shown by the request wrapper; anything else failed while building the file.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { ApiError } from '@djzy/shared';
import { useMutation } from '@tanstack/react-query';
import { App, Button } from 'antd';

export interface ExportButtonProps {
  /** Does the export; the text it returns is shown as a success message. */
  run(): Promise<string | void>;
  testId?: string;
  label?: string;
  disabled?: boolean;
}

export function ExportButton(props: ExportButtonProps) {
  const { message } = App.useApp();
  const job = useMutation({
    mutationFn: () => props.run(),
    onSuccess: (text) => void (text && message.success(text)),
    onError: (e) => void (!(e instanceof ApiError) && message.error('导出失败，请重试')),
  });
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={job.isPending}
      disabled={props.disabled}
      onClick={() => job.mutate()}
      data-testid={props.testId}
    >
      {props.label ?? '导出'}
    </Button>
  );
}
