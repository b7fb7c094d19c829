/** Why an upload was refused (a wrong file here, or the server's message), until closed. */
import { Alert } from 'antd';
import type { CSSProperties } from 'react';

export function UploadError(props: { text: string | null; onClose(): void; style?: CSSProperties; testId: string }) {
  if (!props.text) return null;
  return <Alert type="error" showIcon title={props.text} style={props.style} data-testid={props.testId} closable onClose={props.onClose} />;
}
