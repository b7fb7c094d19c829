/**
 * A server-paged antd Table over one list query: its rows, its loading state while a page is
 * fetched (the last page stays on screen), and the pagination of usePaging with `共 N unit`.
 */
import type { Page } from '@djzy/shared';
import { Table, Typography, type TablePaginationConfig, type TableProps } from 'antd';

const TypographyText = Typography.Text;
import type { Paging } from '../hooks/usePaging';

export interface PagedTableProps<T> extends Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination'> {
  list: { data?: Page<T>; isFetching: boolean };
  paging: Paging;
  /** What is counted: `共 12 份`. */
  unit: string;
  /** Further pagination settings (e.g. showSizeChanger). */
  pagination?: TablePaginationConfig;
  'data-testid'?: string;
}

export function PagedTable<T extends object>({ list, paging, unit, pagination, ...rest }: PagedTableProps<T>) {
  return (
    <Table<T>
      rowKey="id"
      size="middle"
      {...rest}
      dataSource={list.data?.items ?? []}
      loading={list.isFetching}
      pagination={paging.pagination(list.data?.total ?? 0, unit, pagination)}
    />
  );
}

/** A title with its note in a smaller grey line under it (a list's first column). */
export function TitleCell(props: { title: string; note?: string | null; testId: string }) {
  return (
    <div style={{ minWidth: 0 }}>
      <TypographyText strong data-testid={props.testId}>
        {props.title}
      </TypographyText>
      {props.note && (
        <TypographyText type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
          {props.note}
        </TypographyText>
      )}
    </div>
  );
}
