import type { ReactNode } from 'react';
import { Input, Textarea, View } from '@tarojs/components';

export interface TextBoxProps {
  id: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  /** The server's limit (`LIMITS.x` from `@djzy/shared`), where there is one. */
  maxlength?: number;
  /** A Textarea (several lines) instead of a one-line Input. */
  multiline?: boolean;
  /** Default `field-input` (one line) or `form-textarea` (several lines). */
  className?: string;
  type?: 'text' | 'number' | 'idcard' | 'digit';
  confirmType?: 'search' | 'done';
  onConfirm?: () => void;
}

/** One text control of a form: the value in, every keystroke out through `onChange`. */
export default function TextBox({
  id,
  value,
  onChange,
  placeholder,
  maxlength,
  multiline,
  className,
  type,
  confirmType,
  onConfirm,
}: TextBoxProps) {
  const common = {
    id,
    placeholder,
    placeholderClass: 'text-placeholder',
    value,
    ...(maxlength !== undefined ? { maxlength } : {}),
    onInput: (e: { detail: { value: string } }) => onChange(e.detail.value),
  };
  if (multiline) return <Textarea className={className ?? 'form-textarea'} {...common} />;
  return (
    <Input
      className={className ?? 'field-input'}
      {...common}
      {...(type ? { type } : {})}
      {...(confirmType ? { confirmType } : {})}
      {...(onConfirm ? { onConfirm: () => onConfirm() } : {})}
    />
  );
}

/** A form field: its label above its control. */
export function Field({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  return (
    <View className={className ? `field ${className}` : 'field'}>
      <View className="field-label">{label}</View>
      {children}
    </View>
  );
}
