/**
 * 支部评定 (晋位升级): the ratings of a township's branches for a year, as the township committee
 * decided them, set per branch (setting again replaces it); last year's shown beside, so who moved
 * up is plain.
 */
import { BRANCH_RATING_LABELS, BRANCH_RATINGS, type BranchRating, type BranchRatingRow } from '@djzy/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Card, DatePicker, Select, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { setRating, useRatings } from '../../api/records';
import { RecordToolbar, useRecordScope } from './common';

const COLOR: Record<BranchRating, string> = { advanced: 'green', average: 'blue', lagging: 'red' };
const RANK: Record<BranchRating, number> = { lagging: 0, average: 1, advanced: 2 };

export function RatingsPage() {
  const s = useRecordScope();
  const queryClient = useQueryClient();
  const list = useRatings(s.scope);
  const [decidedOn, setDecidedOn] = useState<Dayjs>(dayjs());
  const save = useMutation({
    mutationFn: (v: { row: BranchRatingRow; rating: BranchRating }) =>
      setRating({ orgId: v.row.orgId, year: s.year, rating: v.rating, decidedOn: decidedOn.format('YYYY-MM-DD') }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['branch-ratings'] }),
  });
  const rows = list.data ?? [];
  const lagging = rows.filter((r) => r.previousRating === 'lagging');
  const moved = lagging.filter((r) => r.rating && r.rating !== 'lagging').length;

  const columns: ColumnsType<BranchRatingRow> = [
    { title: '党支部', dataIndex: 'orgName' },
    {
      title: `${s.year - 1} 年`,
      dataIndex: 'previousRating',
      width: 120,
      render: (r: BranchRating | null) => (r ? <Tag color={COLOR[r]}>{BRANCH_RATING_LABELS[r]}</Tag> : '—'),
    },
    {
      title: `${s.year} 年评定`,
      key: 'rating',
      width: 200,
      render: (_, r) => (
        <Select<BranchRating>
          data-testid={`rating-${r.orgId}`}
          style={{ width: 140 }}
          placeholder="未评定"
          value={r.rating ?? undefined}
          onChange={(rating) => save.mutate({ row: r, rating })}
          options={BRANCH_RATINGS.map((x) => ({ value: x, label: BRANCH_RATING_LABELS[x] }))}
        />
      ),
    },
    { title: '评定日期', dataIndex: 'decidedOn', width: 120, render: (d: string | null) => d ?? '—' },
    {
      title: '变化',
      key: 'change',
      width: 100,
      render: (_, r) =>
        r.rating && r.previousRating ? (
          RANK[r.rating] > RANK[r.previousRating] ? (
            <Tag color="green">晋位升级</Tag>
          ) : RANK[r.rating] < RANK[r.previousRating] ? (
            <Tag color="orange">降级</Tag>
          ) : (
            '持平'
          )
        ) : (
          '—'
        ),
    },
  ];
  return (
    <Card size="small" title="支部评定（晋位升级）">
      <RecordToolbar scope={s} prefix="ratings">
        <span>评定日期</span>
        <DatePicker
          value={decidedOn}
          onChange={(d) => d && setDecidedOn(d)}
          allowClear={false}
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
        />
        <span data-testid="ratings-summary">
          {s.year - 1} 年后进 {lagging.length} 个，其中晋位升级 {moved} 个
        </span>
      </RecordToolbar>
      <Table<BranchRatingRow>
        rowKey="orgId"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={list.isFetching}
        pagination={false}
        locale={{ emptyText: '该组织下没有党支部' }}
        data-testid="ratings-table"
      />
    </Card>
  );
}
