/** The console's form drawer: a title, the form, and 取消 / 保存 at the top right. */
import { Button, Drawer, Space } from 'antd';
import type { ReactNode } from 'react';

export interface FormDrawerProps {
  title: string;
  open: boolean;
  onClose(): void;
  /** 保存 (the caller submits its form: `form.submit()`). */
  onSave(): void;
  saving: boolean;
  /** 保存 waits while the form is still loading what it edits. */
  loading?: boolean;
  size: number;
  /** `data-testid` of the drawer and of its 保存 button. */
  testId?: string;
  saveTestId?: string;
  children: ReactNode;
}

export function FormDrawer(props: FormDrawerProps) {
  return (
    <Drawer
      title={props.title}
      open={props.open}
      onClose={props.onClose}
      size={props.size}
      destroyOnHidden
      data-testid={props.testId}
      extra={
        <Space>
          <Button onClick={props.onClose}>取消</Button>
          <Button type="primary" loading={props.saving} disabled={props.loading} onClick={props.onSave} data-testid={props.saveTestId}>
            保存
          </Button>
        </Space>
      }
    >
      {props.children}
    </Drawer>
  );
}
