/**
 * 发展党员计划 (the year's quota of the township or county, with how many 支部大会 have admitted so
 * far) and the county's working-day calendar (holidays and 调休 working days over the official
 * defaults) that the 公示 ≥ 5 个工作日 rule counts by. Editing needs an admin; the server says so.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Drawer, Input, InputNumber, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { deleteCalendarDay, setCalendarDay, setPlan, useCalendar, usePlan } from '../../api/development';
import { ruleMessages } from './ruleMessages';

export function PlanDrawer(props: { orgId: string; onClose(): void }) {
  const [year, setYear] = useState(dayjs().year());
  const q = { orgId: props.orgId, year };
  const plan = usePlan(q);
  const calendar = useCalendar(q);
  const queryClient = useQueryClient();
  const [quota, setQuota] = useState<number | null>(null);
  const [day, setDay] = useState<Dayjs | null>(null);
  const [workday, setWorkday] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['development-plan'] });
    void queryClient.invalidateQueries({ queryKey: ['workday-calendar'] });
  };
  const fail = (e: unknown) => setError(ruleMessages(e).join('；'));
  const savePlan = useMutation({
    mutationFn: () => setPlan({ ...q, quota: quota ?? plan.data?.quota ?? 0 }),
    onSuccess: () => (setError(null), refresh()),
    onError: fail,
  });
  const saveDay = useMutation({
    mutationFn: () => setCalendarDay({ orgId: props.orgId, day: day!.format('YYYY-MM-DD'), workday, note: note.trim() || undefined }),
    onSuccess: () => (setError(null), setDay(null), setNote(''), refresh()),
    onError: fail,
  });
  const removeDay = useMutation({
    mutationFn: (d: string) => deleteCalendarDay({ orgId: props.orgId, day: d }),
    onSuccess: refresh,
    onError: fail,
  });
  const years = [year - 1, year, year + 1];
  return (
    <Drawer title="发展党员计划与工作日历" open onClose={props.onClose} size={640} data-testid="dev-plan-drawer">
      <Space style={{ marginBottom: 12 }}>
        <Select<number>
          value={year}
          onChange={setYear}
          style={{ width: 110 }}
          options={years.map((y) => ({ value: y, label: `${y}年` }))}
        />
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Typography.Title level={5}>发展党员计划</Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <span>计划发展</span>
        <InputNumber
          min={0}
          precision={0}
          value={quota ?? plan.data?.quota ?? 0}
          onChange={(v) => setQuota(v)}
          data-testid="dev-plan-quota"
        />
        <span>名，已经支部大会通过 {plan.data?.used ?? 0} 名</span>
        {plan.data && plan.data.quota > 0 && plan.data.used > plan.data.quota && <Tag color="red">已超出计划</Tag>}
        <Button onClick={() => savePlan.mutate()} loading={savePlan.isPending} data-testid="dev-plan-save">
          保存计划
        </Button>
      </Space>
      <Typography.Title level={5}>工作日历（节假日与调休）</Typography.Title>
      <Typography.Paragraph type="secondary">
        公示期按工作日计算。默认已含国务院公布的 2025、2026 年放假和调休安排；2027 年为预估（仅法定假日），公布后请在此修正。
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker value={day} onChange={setDay} />
        <Select<'off' | 'on'>
          value={workday ? 'on' : 'off'}
          onChange={(v) => setWorkday(v === 'on')}
          style={{ width: 120 }}
          options={[
            { value: 'off', label: '放假' },
            { value: 'on', label: '调休上班' },
          ]}
        />
        <Input value={note} onChange={(e) => setNote(e.target.value)} maxLength={50} placeholder="说明，如：春节" style={{ width: 160 }} />
        <Button disabled={!day} onClick={() => saveDay.mutate()} loading={saveDay.isPending}>
          添加
        </Button>
      </Space>
      <Table
        size="small"
        rowKey="day"
        loading={calendar.isFetching}
        dataSource={calendar.data?.exceptions ?? []}
        pagination={{ pageSize: 15, hideOnSinglePage: true }}
        columns={[
          { title: '日期', dataIndex: 'day', width: 120 },
          {
            title: '类型',
            dataIndex: 'workday',
            width: 100,
            render: (w: boolean) => (w ? <Tag color="blue">调休上班</Tag> : <Tag color="red">放假</Tag>),
          },
          { title: '说明', dataIndex: 'note' },
          { title: '来源', dataIndex: 'source', width: 90, render: (s: string) => (s === 'county' ? '本县' : '默认') },
          {
            title: '操作',
            key: 'op',
            width: 80,
            render: (_: unknown, r: { day: string; source: string }) =>
              r.source === 'county' && (
                <Popconfirm
                  title="删除本县的这条设置，恢复默认？"
                  okText="删除"
                  cancelText="取消"
                  onConfirm={() => removeDay.mutate(r.day)}
                >
                  <Button type="link" danger size="small">
                    删除
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </Drawer>
  );
}
