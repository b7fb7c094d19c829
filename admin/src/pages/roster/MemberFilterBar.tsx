/** The roster's search box, filters and (for admins) the reveal switch. */
import { LIMITS, MEMBER_EXIT_STATUSES, MEMBER_STATUS_LABELS, MEMBER_STATUSES, type MemberStatus } from '@djzy/shared';
import { Checkbox, Input, Select, Space, Switch, Tooltip } from 'antd';
import type { MemberFilters } from './useMemberPage';

/** Props of MemberFilterBar: the filters and a callback with the changed ones. */
export interface MemberFilterBarProps {
  filters: MemberFilters;
  /** Whether to offer 显示完整信息 (the caller holds the admin role). */
  canReveal: boolean;
  onChange(patch: Partial<MemberFilters>): void;
}

/** Search and filters above the member table; every change goes back to page 1. */
export function MemberFilterBar({ filters, canReveal, onChange }: MemberFilterBarProps) {
  const set = (patch: Partial<MemberFilters>) => onChange({ ...patch, page: 1 });
  return (
    <Space wrap style={{ marginBottom: 12 }}>
      <Input.Search
        allowClear
        placeholder="姓名，或完整手机号/身份证号"
        maxLength={LIMITS.search}
        style={{ width: 280 }}
        enterButton="搜索"
        onSearch={(q) => set({ q })}
      />
      <Select<MemberStatus>
        allowClear
        placeholder="人员类别"
        style={{ width: 140 }}
        value={filters.status}
        onChange={(status) => set({ status })}
        options={[...MEMBER_STATUSES, ...MEMBER_EXIT_STATUSES].map((s) => ({ value: s, label: MEMBER_STATUS_LABELS[s] }))}
      />
      <Checkbox checked={filters.mobile} onChange={(e) => set({ mobile: e.target.checked })}>
        仅流动党员
      </Checkbox>
      {canReveal && (
        <Tooltip title="显示完整手机号和身份证号；每次查看都会记入审计日志">
          <Space size={4}>
            <Switch
              checked={filters.reveal}
              onChange={(reveal) => onChange({ reveal })}
              data-testid="reveal-switch"
              aria-label="显示完整信息"
            />
            <span>显示完整信息</span>
          </Space>
        </Tooltip>
      )}
    </Space>
  );
}
