import type { ReactNode } from 'react';
import { View } from '@tarojs/components';

/** A label and its value on one line (我的, 流动党员); `id` is the value's. */
export default function InfoRow({ label, id, children }: { label: string; id?: string; children: ReactNode }) {
  return (
    <View className="info-row">
      <View className="info-label">{label}</View>
      <View className="info-value" id={id}>
        {children}
      </View>
    </View>
  );
}
