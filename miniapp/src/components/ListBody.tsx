import type { ReactNode } from 'react';
import { View } from '@tarojs/components';

interface ListBodyProps<T> {
  /** null until the first answer. */
  items: readonly T[] | null;
  /** Shown (instead of 正在加载…) while there is nothing to list. */
  error?: string | null;
  errorId?: string;
  /** What an empty list says, and its id. */
  empty: string;
  emptyId: string;
  /** Inside a card already: the empty line is not a card of its own. */
  inCard?: boolean;
  /** The class of the 正在加载… line. */
  loadingClass?: string;
  children: (item: T) => ReactNode;
}

/** A list page's body: why it cannot be shown, 正在加载…, the empty line, or the rows. */
export default function ListBody<T>({
  items,
  error = null,
  errorId,
  empty,
  emptyId,
  inCard,
  loadingClass = 'muted',
  children,
}: ListBodyProps<T>) {
  const emptyLine = (
    <View className="empty" id={emptyId}>
      {empty}
    </View>
  );
  return (
    <>
      {error && !items && (
        <View className="error-text" id={errorId}>
          {error}
        </View>
      )}
      {!error && items === null && <View className={loadingClass}>正在加载…</View>}
      {items?.length === 0 && (inCard ? emptyLine : <View className="card">{emptyLine}</View>)}
      {items?.map((item) => children(item))}
    </>
  );
}
