import { View } from '@tarojs/components';
import './Segments.scss';

/**
 * A row of choices, one of them on (即将开始 / 往期, 本年 / 本季度 / 本月): each choice is
 * `<idPrefix>-<key>`; tapping one calls `onChoose`.
 */
export default function Segments<K extends string>({
  choices,
  value,
  onChoose,
  idPrefix,
  id,
  className = '',
}: {
  choices: readonly { key: K; label: string }[];
  value: K;
  onChoose: (key: K) => void;
  idPrefix: string;
  id?: string;
  className?: string;
}) {
  return (
    <View className={`segments ${className}`} id={id}>
      {choices.map((c) => (
        <View
          key={c.key}
          id={`${idPrefix}-${c.key}`}
          className={`segment${c.key === value ? ' segment-active' : ''}`}
          onClick={() => onChoose(c.key)}
        >
          {c.label}
        </View>
      ))}
    </View>
  );
}
