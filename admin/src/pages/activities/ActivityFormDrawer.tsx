/**
 * 新建活动 / 编辑草稿: a drawer form for POST /activities and PATCH /activities/:id. Every activity
 * has a 活动地点 (with or without 定位签到, whose geofence carries the same name). Study sessions
 * and Party lectures take a 学习方式; a lecture its 主讲人 and 主题; online study (网络学习) the
 * materials whose completion is attendance (up to 31 days, check-in optional); paired study its 结对.
 * A new activity of a township or the county may be 下发到各支部 (POST /activities/batch: one
 * activity per chosen branch, each its own), and 复制上月 fills the form from the org's activity
 * of the same kind last month, a month later. 参会人员 (AttendeesFields): who should attend, who
 * else is invited and who sits in (列席); 下发 carries the audience only.
 */
import {
  ACTIVITY_KIND_LABELS,
  ACTIVITY_KINDS,
  type ActivityKind,
  type ActivityView,
  CHECKIN_METHOD_LABELS,
  CHECKIN_MODES,
  type CheckinMode,
  type CreateActivityRequest,
  type NamedMember,
  type BatchCreateActivitiesRequest,
  GEOFENCE_MAX_RADIUS_M,
  GEOFENCE_MIN_RADIUS_M,
  LIMITS,
  MAX_ACTIVITY_MATERIALS,
  ONLINE_STUDY_MAX_DAYS,
  type OrgNode,
  STUDY_MODE_LABELS,
  STUDY_MODES,
  type StudyMode,
  type StudyPairInput,
} from '@djzy/shared';
import { maxChars } from '../../components/formRules';
import { App, Button, DatePicker, Form, Input, InputNumber, Select, Space, Switch, Checkbox, Typography } from 'antd';
import { FormDrawer } from '../../components/FormDrawer';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { namePath } from '../../api/formErrors';
import { useFormSave } from '../../hooks/useFormSave';
import { activityKeys, createActivities, createActivity, listActivitiesBetween, updateActivity } from '../../api/activities';
import { flattenOrgs, OrgTreeSelect } from '../../components/OrgTreeSelect';
import { MaterialSelect, usePublishedMaterials } from '../study/MaterialSelect';
import { toIso } from './labels';
import { PairsFields, pairRows, type PairRow } from './PairsFields';
import { AttendeesFields, attendeesFieldPath, attendeesInput, attendeesValues, type AttendeesValues } from './AttendeesFields';

interface FormValues {
  title: string;
  kind: ActivityKind;
  orgId: string;
  range: [Dayjs, Dayjs];
  checkinModes: CheckinMode[];
  /** `name` is the 活动地点 of every activity (`place`); with 定位签到 also the geofence's name. */
  location?: { name?: string; lat?: number | null; lng?: number | null; radiusM?: number | null };
  studyMode?: StudyMode;
  lecturer?: string;
  topic?: string;
  materialIds?: string[];
  pairs?: PairRow[];
  allowRemote: boolean;
  description?: string;
  /** 参会人员: the audience, those also invited and 列席. */
  attendees?: AttendeesValues;
  /** 下发到各支部: the branches that each get the activity (empty: the chosen org gets it). */
  branchIds?: string[];
  /** 下发 and publish at once. */
  publish?: boolean;
}

/** What a save sends: one activity, or the same for several branches. */
type Save = { one: CreateActivityRequest } | { batch: BatchCreateActivitiesRequest };

/** Kinds that may carry a study mode (the server refuses it elsewhere). */
const STUDY_KINDS: ActivityKind[] = ['study_session', 'party_lecture'];

/** The form's field path of a server field name (`location.lat`, `startsAt`, …). */
function fieldPath(field: string): (string | number)[] | null {
  // A batch's activity fields come as `activity.<field>`, its branches as `orgIds`; a batch has
  // no named people's pickers, so what it says of them is shown as a message.
  if (field.startsWith('activity.')) {
    const inner = field.slice('activity.'.length);
    const att = attendeesFieldPath(inner, true);
    return att !== undefined ? att : fieldPath(inner);
  }
  const att = attendeesFieldPath(field, false);
  if (att !== undefined) return att;
  if (field === 'orgIds' || field.startsWith('orgIds.')) return ['branchIds'];
  // The place and a geofence's name are one input (the server keeps one place per activity).
  if (field === 'place') return ['location', 'name'];
  if (field === 'startsAt' || field === 'endsAt') return ['range'];
  // "location" alone means the whole location is missing: the name is its first input.
  if (field === 'location') return ['location', 'name'];
  const parts = field.split('.');
  // A bad material is shown on the picker as a whole.
  if (parts[0] === 'materialIds') return ['materialIds'];
  const known = [
    'title',
    'kind',
    'orgId',
    'checkinModes',
    'location',
    'studyMode',
    'lecturer',
    'topic',
    'pairs',
    'allowRemote',
    'description',
  ];
  return known.includes(parts[0]) ? namePath(field) : null;
}

/** The branches below an org (itself excluded), named with their township when under the county. */
function branchesUnder(org: OrgNode | undefined): { value: string; label: string }[] {
  if (!org) return [];
  const out: { value: string; label: string }[] = [];
  const walk = (n: OrgNode, township: string | null) => {
    for (const c of n.children) {
      if (c.kind === 'branch') out.push({ value: c.id, label: township && org.kind === 'county' ? `${township} / ${c.name}` : c.name });
      else walk(c, c.kind === 'township' ? c.name : township);
    }
  };
  walk(org, org.kind === 'township' ? org.name : null);
  return out;
}

/** The org picker as a form control. */
function OrgField(props: { orgs: OrgNode[]; value?: string; onChange?(v: string): void }) {
  return (
    <OrgTreeSelect orgs={props.orgs} value={props.value ?? null} onChange={(v) => props.onChange?.(v)} width={472} testId="activity-org" />
  );
}

/** Props of ActivityFormDrawer: `activity` null creates, a draft edits. */
export interface ActivityFormDrawerProps {
  open: boolean;
  activity: ActivityView | null;
  orgs: OrgNode[];
  /** The org preselected for a new activity (the list's filter). */
  defaultOrgId: string | null;
  onClose(): void;
  onSaved(): void;
}

/** The activity form in a drawer. */
export function ActivityFormDrawer(props: ActivityFormDrawerProps) {
  const { open, activity, defaultOrgId } = props;
  const defaultOrgIdRef = useRef(defaultOrgId);
  defaultOrgIdRef.current = defaultOrgId;
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [copying, setCopying] = useState(false);
  const { save, saving } = useFormSave(form, {
    send: async (s: Save) => {
      if ('batch' in s) return { created: await createActivities(s.batch), batch: true, publish: !!s.batch.publish };
      return { created: [activity ? await updateActivity(activity.id, s.one) : await createActivity(s.one)], batch: false, publish: false };
    },
    invalidate: activityKeys.all,
    // VALIDATION_FAILED names each bad field (nested as `location.lat`): each under its input.
    path: fieldPath,
    onSaved: ({ created, batch, publish }: { created: ActivityView[]; batch: boolean; publish: boolean }) => {
      if (activity) message.success('已保存');
      else if (batch) message.success(`已下发到 ${created.length} 个支部${publish ? '并发布活动预告' : '，均为草稿，发布后党员才能看到'}`);
      else message.success('已创建活动草稿，发布后党员才能看到');
      props.onSaved();
    },
  });
  const kind = Form.useWatch('kind', form);
  const modes = Form.useWatch('checkinModes', form);
  const studyMode = Form.useWatch('studyMode', form);
  const orgId = Form.useWatch('orgId', form);
  const branchIds = Form.useWatch('branchIds', form);
  const attendees = Form.useWatch('attendees', form);
  // The people named on the draft (or the copied activity), for their names in the pickers.
  const [knownNamed, setKnownNamed] = useState<NamedMember[]>([]);
  const chosenOrg = useMemo(() => flattenOrgs(props.orgs).find((o) => o.id === orgId), [props.orgs, orgId]);
  // 下发到各支部: a new activity of an org with branches below it (a township, the county).
  const branches = useMemo(() => (activity ? [] : branchesUnder(chosenOrg)), [activity, chosenOrg]);
  const batch = branches.length > 0 && !!branchIds?.length;
  const geo = !!modes?.includes('geo');
  const study = !!kind && STUDY_KINDS.includes(kind);
  const online = study && studyMode === 'online';
  const paired = study && studyMode === 'paired';
  // Loaded with the drawer: the published materials an online study may link.
  const materials = usePublishedMaterials(open && online, orgId);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (activity) {
      form.setFieldsValue({
        title: activity.title,
        kind: activity.kind,
        orgId: activity.orgId,
        range: [dayjs(activity.startsAt), dayjs(activity.endsAt)],
        checkinModes: activity.checkinModes,
        // The place of every activity, with the geofence when it has one.
        location: { ...activity.location, name: activity.place ?? undefined },
        studyMode: activity.studyMode ?? undefined,
        lecturer: activity.lecturer ?? undefined,
        topic: activity.topic ?? undefined,
        materialIds: activity.materials.map((m) => m.id),
        pairs: pairRows(activity.pairs),
        allowRemote: activity.allowRemote,
        description: activity.description ?? undefined,
        attendees: attendeesValues(activity),
      });
      setKnownNamed([...(activity.attendees?.extras ?? []), ...(activity.attendees?.observers ?? [])]);
    } else {
      setKnownNamed([]);
      const start = dayjs().add(7, 'day').hour(9).minute(0).second(0);
      form.setFieldsValue({
        kind: 'fixed_day',
        orgId: defaultOrgIdRef.current ?? undefined,
        range: [start, start.add(2, 'hour')],
        checkinModes: ['qr'],
        allowRemote: false,
        materialIds: [],
        pairs: [],
        branchIds: [],
        publish: false,
        attendees: { scope: 'default', extraMemberIds: [], observerMemberIds: [] },
      });
    }
  }, [open, activity, form]);

  // The default org may arrive after the drawer opened (the org tree still loading); it fills the
  // field only while it is empty — never resetting what the user has typed or picked meanwhile.
  useEffect(() => {
    if (open && !activity && defaultOrgId && !form.getFieldValue('orgId')) form.setFieldsValue({ orgId: defaultOrgId });
  }, [open, activity, defaultOrgId, form]);

  const onStudyModeChange = (mode: StudyMode | undefined) => {
    // Online study is attended by finishing its materials: no check-in unless the organiser adds one.
    if (mode === 'online') form.setFieldValue('checkinModes', []);
    else if (!(form.getFieldValue('checkinModes') as CheckinMode[] | undefined)?.length) form.setFieldValue('checkinModes', ['qr']);
  };

  /**
   * 复制上月: the latest activity of the chosen org and kind last month (not cancelled) fills the
   * form, its dates a month later; the org, the kind and 下发 stay as chosen. 结对 are not copied
   * (who pairs with whom changes).
   */
  const copyLastMonth = async () => {
    const { orgId: org, kind: k } = form.getFieldsValue(['orgId', 'kind']) as Pick<FormValues, 'orgId' | 'kind'>;
    if (!org || !k) return void message.warning('请先选择组织和活动类型');
    const thisMonth = dayjs().startOf('month');
    const lastMonth = thisMonth.subtract(1, 'month');
    setCopying(true);
    try {
      // The list's `from` is on the end: one that began the month before is left out here.
      const found = (await listActivitiesBetween({ orgId: org, from: toIso(lastMonth), to: toIso(thisMonth) }))
        .filter((a) => a.orgId === org && a.kind === k && a.status !== 'cancelled' && !dayjs(a.startsAt).isBefore(lastMonth))
        .sort((x, y) => dayjs(y.startsAt).valueOf() - dayjs(x.startsAt).valueOf());
      const last = found[0];
      if (!last) return void message.info(`上月没有该组织的${ACTIVITY_KIND_LABELS[k]}可复制`);
      const lastStudyMode = STUDY_KINDS.includes(k) ? last.studyMode : null;
      form.setFieldsValue({
        title: last.title,
        range: [dayjs(last.startsAt).add(1, 'month'), dayjs(last.endsAt).add(1, 'month')],
        checkinModes: last.checkinModes,
        location: { name: last.place ?? undefined, lat: last.location?.lat, lng: last.location?.lng, radiusM: last.location?.radiusM },
        studyMode: lastStudyMode ?? undefined,
        lecturer: last.lecturer ?? undefined,
        topic: last.topic ?? undefined,
        materialIds: last.materials.map((m) => m.id),
        allowRemote: last.allowRemote,
        description: last.description ?? undefined,
        // The same audience and the same people named (a township liaison who sits in every month).
        ...(last.attendees && { attendees: attendeesValues({ kind: k, attendees: last.attendees }) }),
      });
      if (last.attendees) setKnownNamed([...last.attendees.extras, ...last.attendees.observers]);
      message.success(`已按上月的“${last.title}”（${dayjs(last.startsAt).format('M月D日')}）填写，时间顺延一个月，请核对后保存`);
    } catch {
      /* shown by the wrapper */
    } finally {
      setCopying(false);
    }
  };

  /** A text field as sent: trimmed; on an edit an emptied field is sent empty so it is cleared. */
  const text = (value: string | undefined, before: string | null | undefined) => {
    const t = value?.trim() ?? '';
    return t || (activity && before) ? t : undefined;
  };

  const submit = (v: FormValues) => {
    const isStudy = STUDY_KINDS.includes(v.kind);
    const isOnline = isStudy && v.studyMode === 'online';
    const isPaired = isStudy && v.studyMode === 'paired';
    const pairs: StudyPairInput[] = (v.pairs ?? [])
      .filter((p) => p.mentorId && p.menteeId)
      .map((p) => ({ mentorId: p.mentorId as string, menteeId: p.menteeId as string }));
    const lecturer = v.kind === 'party_lecture' ? text(v.lecturer, activity?.lecturer) : undefined;
    const place = text(v.location?.name, activity?.place);
    const topic = v.kind === 'party_lecture' ? text(v.topic, activity?.topic) : undefined;
    const body: CreateActivityRequest = {
      title: v.title.trim(),
      kind: v.kind,
      orgId: v.orgId,
      startsAt: toIso(v.range[0]),
      endsAt: toIso(v.range[1]),
      checkinModes: v.checkinModes,
      allowRemote: v.allowRemote,
      ...(place !== undefined && { place }),
      ...(v.checkinModes.includes('geo') &&
        v.location && {
          location: {
            name: place ?? '',
            lat: v.location.lat as number,
            lng: v.location.lng as number,
            radiusM: v.location.radiusM as number,
          },
        }),
      ...(isStudy && v.studyMode && { studyMode: v.studyMode }),
      ...(lecturer !== undefined && { lecturer }),
      ...(topic !== undefined && { topic }),
      // On an edit, leaving online or paired study clears what belonged to it.
      ...(isOnline ? { materialIds: v.materialIds ?? [] } : activity?.materials.length ? { materialIds: [] } : {}),
      ...(v.description?.trim() && { description: v.description.trim() }),
    };
    const toBranches = !activity && branches.length > 0 && !!v.branchIds?.length;
    if (toBranches) {
      // A batch carries no 结对 and names nobody (each branch names its own); its orgId is ignored.
      const one = { ...body, attendees: attendeesInput(v.attendees, { batch: true, editing: false }) };
      save({ batch: { activity: one, orgIds: v.branchIds ?? [], publish: !!v.publish } });
      return;
    }
    save({
      one: {
        ...body,
        attendees: attendeesInput(v.attendees, { batch: false, editing: !!activity }),
        ...(isPaired ? { pairs } : activity?.pairs.length ? { pairs: [] } : {}),
      },
    });
  };

  return (
    <FormDrawer
      title={activity ? '编辑活动' : '新建活动'}
      open={open}
      onClose={props.onClose}
      onSave={() => form.submit()}
      saving={saving}
      size={560}
      testId="activity-form"
      saveTestId="activity-save"
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        name="activity"
        // Another org has other branches: what was chosen for 下发 no longer applies.
        onValuesChange={(changed: Partial<FormValues>) => 'orgId' in changed && form.setFieldValue('branchIds', [])}
      >
        {!activity && (
          <Space style={{ marginBottom: 16 }} align="center">
            <Button onClick={() => void copyLastMonth()} loading={copying} data-testid="activity-copy-last-month">
              复制上月
            </Button>
            <Typography.Text type="secondary">按所选组织和活动类型，填入上月的同类活动，时间顺延一个月</Typography.Text>
          </Space>
        )}
        <Form.Item
          name="title"
          label="活动名称"
          rules={[{ required: true, whitespace: true, message: '请填写活动名称' }, maxChars('活动名称', LIMITS.activityTitle)]}
        >
          <Input placeholder="如：主题党日：学习新修订的党章" maxLength={LIMITS.activityTitle} />
        </Form.Item>
        <Form.Item name="kind" label="活动类型" rules={[{ required: true, message: '请选择活动类型' }]}>
          <Select options={ACTIVITY_KINDS.map((k) => ({ value: k, label: ACTIVITY_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item name="orgId" label="组织" rules={[{ required: true, message: '请选择组织' }]} extra="参会人员（含列席）都会收到活动预告">
          <OrgField orgs={props.orgs} />
        </Form.Item>
        {branches.length > 0 && (
          <div data-testid="activity-batch">
            <Form.Item
              name="branchIds"
              label="下发到各支部"
              extra={
                batch ? `将为所选的 ${branchIds?.length ?? 0} 个支部各建一个活动（各自的签到二维码和考勤）` : '不选则只为所选组织建一个活动'
              }
            >
              <Select
                mode="multiple"
                allowClear
                showSearch
                optionFilterProp="label"
                maxTagCount="responsive"
                placeholder="选择要下发的支部"
                options={branches}
                data-testid="activity-branches"
              />
            </Form.Item>
            <Space style={{ marginTop: -16, marginBottom: 16 }}>
              <Button
                size="small"
                type="link"
                onClick={() =>
                  form.setFieldValue(
                    'branchIds',
                    branches.map((b) => b.value),
                  )
                }
                data-testid="activity-branches-all"
              >
                全选 {branches.length} 个支部
              </Button>
              {batch && (
                <Form.Item name="publish" valuePropName="checked" noStyle>
                  <Checkbox data-testid="activity-batch-publish">同时发布（各支部党员收到活动预告）</Checkbox>
                </Form.Item>
              )}
            </Space>
          </div>
        )}
        <Form.Item
          name="range"
          label={online ? '学习时间' : '活动时间'}
          extra={online ? `网络学习可持续一段时间，最长 ${ONLINE_STUDY_MAX_DAYS} 天` : undefined}
          rules={[
            { required: true, message: '请选择开始和结束时间' },
            {
              validator: (_, r?: [Dayjs, Dayjs]) =>
                online && r?.[0] && r[1] && r[1].diff(r[0], 'minute') > ONLINE_STUDY_MAX_DAYS * 24 * 60
                  ? Promise.reject(new Error(`网络学习最长 ${ONLINE_STUDY_MAX_DAYS} 天`))
                  : Promise.resolve(),
            },
          ]}
        >
          <DatePicker.RangePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name={['location', 'name']}
          label="活动地点"
          extra={geo ? '定位签到以此地点的坐标为中心' : undefined}
          rules={[{ required: geo, whitespace: true, message: '定位签到需要填写活动地点' }, maxChars('活动地点', LIMITS.placeName)]}
        >
          <Input placeholder="如：村委会二楼会议室" maxLength={LIMITS.placeName} />
        </Form.Item>
        <Form.Item
          name="checkinModes"
          label="签到方式"
          extra={online ? '网络学习：党员学完全部资料即自动计入出勤，可以不设签到方式' : undefined}
          rules={online ? [] : [{ required: true, type: 'array', min: 1, message: '至少选择一种签到方式' }]}
        >
          <Checkbox.Group options={CHECKIN_MODES.map((m) => ({ value: m, label: CHECKIN_METHOD_LABELS[m] }))} />
        </Form.Item>
        {geo && (
          <div data-testid="location-fields">
            <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
              定位签到只在本次活动中使用，只保存党员与活动地点的距离，不保存位置。
            </Typography.Paragraph>
            <Space size={12} align="start" wrap>
              <Form.Item name={['location', 'lat']} label="纬度" rules={[{ required: true, message: '请填写纬度' }]}>
                <InputNumber id="location-lat" style={{ width: 150 }} step={0.0001} placeholder="如 38.4512" />
              </Form.Item>
              <Form.Item name={['location', 'lng']} label="经度" rules={[{ required: true, message: '请填写经度' }]}>
                <InputNumber id="location-lng" style={{ width: 150 }} step={0.0001} placeholder="如 115.5231" />
              </Form.Item>
              <Form.Item
                name={['location', 'radiusM']}
                label="签到范围（米）"
                rules={[{ required: true, message: '请填写签到范围' }]}
                extra={`${GEOFENCE_MIN_RADIUS_M}–${GEOFENCE_MAX_RADIUS_M} 米`}
              >
                <InputNumber id="location-radius" style={{ width: 150 }} />
              </Form.Item>
            </Space>
          </div>
        )}
        {study && (
          <Form.Item name="studyMode" label="学习方式">
            <Select
              allowClear
              data-testid="activity-study-mode"
              placeholder="课堂式、结对式、定点式、网络式"
              onChange={onStudyModeChange}
              options={STUDY_MODES.map((m) => ({ value: m, label: STUDY_MODE_LABELS[m] }))}
            />
          </Form.Item>
        )}
        {kind === 'party_lecture' && (
          <>
            <Form.Item name="lecturer" label="主讲人" rules={[maxChars('主讲人', LIMITS.lecturer)]}>
              <Input placeholder="如：乡镇党委书记" maxLength={LIMITS.lecturer} />
            </Form.Item>
            <Form.Item name="topic" label="党课主题" rules={[maxChars('党课主题', LIMITS.lectureTopic)]}>
              <Input placeholder="如：学习贯彻党的二十届四中全会精神" maxLength={LIMITS.lectureTopic} />
            </Form.Item>
          </>
        )}
        {online && (
          <Form.Item
            name="materialIds"
            label="学习资料"
            extra="党员在小程序里学完这些资料，即计入本次活动的出勤"
            rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一份学习资料' }]}
          >
            <MaterialSelect materials={materials} known={activity?.materials} max={MAX_ACTIVITY_MATERIALS} testId="activity-materials" />
          </Form.Item>
        )}
        {paired && batch && (
          <Form.Item label="结对名单">
            <Typography.Text type="secondary">下发后请在各支部的活动详情里填写结对名单</Typography.Text>
          </Form.Item>
        )}
        {paired && !batch && (
          <Form.Item label="结对名单" extra="发布后仍可在活动详情里编辑结对">
            <PairsFields orgId={orgId ?? null} saved={activity?.pairs} />
          </Form.Item>
        )}
        <AttendeesFields
          kind={kind}
          orgId={orgId ?? null}
          orgs={props.orgs}
          batch={batch}
          known={knownNamed}
          scope={attendees?.scope}
          extraIds={attendees?.extraMemberIds}
          observerIds={attendees?.observerMemberIds}
        />
        <Form.Item name="allowRemote" label="允许流动党员远程参加" valuePropName="checked">
          <Switch checkedChildren="允许" unCheckedChildren="不允许" />
        </Form.Item>
        <Form.Item name="description" label="活动说明">
          <Input.TextArea rows={4} maxLength={LIMITS.activityDescription} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
