/** Server paging of one list: the page and size, and the antd Table pagination that drives them. */
import type { TablePaginationConfig } from 'antd';
import { useState } from 'react';

/** What usePaging returns. */
export type Paging = ReturnType<typeof usePaging>;

export function usePaging(pageSize = 20) {
  const [paging, setPaging] = useState({ page: 1, pageSize });
  /** Back to the first page (after a filter changed). */
  const firstPage = () => setPaging((p) => ({ ...p, page: 1 }));
  /** The Table's pagination: `共 N 人` with `unit`, plus any `extra` settings. */
  const pagination = (total: number, unit: string, extra?: TablePaginationConfig): TablePaginationConfig => ({
    current: paging.page,
    pageSize: paging.pageSize,
    total,
    showTotal: (t) => `共 ${t} ${unit}`,
    onChange: (page, size) => setPaging({ page, pageSize: size }),
    ...extra,
  });
  return { page: paging.page, pageSize: paging.pageSize, firstPage, pagination };
}
