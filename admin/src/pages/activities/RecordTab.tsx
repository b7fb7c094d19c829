/** 记实: the minutes of an activity and up to nine photos (JPG, PNG or WebP, ≤ 5 MB each). */
import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { type ActivityRecordView, type ActivityView, ApiError, LIMITS, MAX_ACTIVITY_PHOTOS, MAX_PHOTO_BYTES } from '@djzy/shared';
import { App, Button, Input, Space, Spin, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { activityKeys, deletePhoto, saveMinutes, uploadPhoto, useActivityRecord } from '../../api/activities';
import { UploadError } from '../../components/UploadError';

const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

/** The 记实 of one activity. */
export function RecordTab(props: { activity: ActivityView }) {
  const { id } = props.activity;
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const record = useActivityRecord(id).data ?? null;
  // What is typed (null: nothing yet, the saved minutes show).
  const [draft, setDraft] = useState<string | null>(null);
  const minutes = draft ?? record?.minutes ?? '';
  const [uploadError, setUploadError] = useState<string | null>(null);
  const patch = (change: (r: ActivityRecordView) => ActivityRecordView) =>
    queryClient.setQueryData<ActivityRecordView>(activityKeys.record(id), (r) => (r ? change(r) : r));

  // An error has been shown by the wrapper.
  const save = useMutation({
    mutationFn: () => saveMinutes(id, minutes),
    onSuccess: (r) => {
      queryClient.setQueryData(activityKeys.record(id), r);
      message.success('记实已保存');
    },
  });
  const upload = useMutation({
    mutationFn: (file: File) => uploadPhoto(id, file),
    onSuccess: (photo) => {
      patch((r) => ({ ...r, photos: [...r.photos, photo] }));
      message.success('照片已上传');
    },
    onError: (e) => setUploadError(e instanceof ApiError ? e.message : '上传失败，请重试'),
  });

  // Checked here first so a wrong file fails at once; the server checks the bytes again.
  const beforeUpload = (file: File): boolean => {
    setUploadError(null);
    if (!PHOTO_TYPES.includes(file.type)) {
      setUploadError('只能上传 JPG、PNG 或 WebP 格式的图片');
      return false;
    }
    if (file.size > MAX_PHOTO_BYTES) {
      setUploadError(`图片不能超过 ${MAX_PHOTO_BYTES / 1024 / 1024} MB`);
      return false;
    }
    if ((record?.photos.length ?? 0) >= MAX_ACTIVITY_PHOTOS) {
      setUploadError(`每次活动最多上传 ${MAX_ACTIVITY_PHOTOS} 张照片`);
      return false;
    }
    upload.mutate(file);
    return false;
  };

  const remove = async (photoId: string) => {
    try {
      await deletePhoto(id, photoId);
      patch((r) => ({ ...r, photos: r.photos.filter((p) => p.id !== photoId) }));
      message.success('照片已删除');
    } catch {
      /* shown by the wrapper */
    }
  };

  if (!record) return <Spin style={{ display: 'block', margin: '40px auto' }} />;
  const full = record.photos.length >= MAX_ACTIVITY_PHOTOS;

  return (
    <div data-testid="record">
      <Typography.Title level={5}>会议记录</Typography.Title>
      <Input.TextArea
        id="record-minutes"
        rows={8}
        maxLength={LIMITS.minutes}
        showCount
        value={minutes}
        onChange={(e) => setDraft(e.target.value)}
        placeholder="时间、地点、主持人、参加人员、议程和形成的决定……"
      />
      <Space style={{ marginTop: 12 }}>
        <Button
          type="primary"
          loading={save.isPending}
          onClick={() => save.mutate()}
          disabled={minutes === record.minutes}
          data-testid="record-save"
        >
          保存记实
        </Button>
        {record.updatedAt && (
          <Typography.Text type="secondary">上次保存：{dayjs(record.updatedAt).format('YYYY-MM-DD HH:mm')}</Typography.Text>
        )}
      </Space>

      <Typography.Title level={5} style={{ marginTop: 24 }}>
        活动照片（{record.photos.length}/{MAX_ACTIVITY_PHOTOS}）
      </Typography.Title>
      <UploadError text={uploadError} onClose={() => setUploadError(null)} style={{ marginBottom: 12 }} testId="photo-error" />
      <Upload accept=".jpg,.jpeg,.png,.webp" showUploadList={false} beforeUpload={beforeUpload} disabled={full || upload.isPending}>
        <Button icon={<UploadOutlined />} loading={upload.isPending} disabled={full} data-testid="photo-upload">
          {full ? `已达 ${MAX_ACTIVITY_PHOTOS} 张上限` : '上传照片'}
        </Button>
      </Upload>
      <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>
        JPG、PNG 或 WebP，每张不超过 {MAX_PHOTO_BYTES / 1024 / 1024} MB
      </Typography.Text>
      <div data-testid="photo-grid" style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, 160px)', gap: 12, marginTop: 12 }}>
        {record.photos.map((p) => (
          <div
            key={p.id}
            data-testid={`photo-${p.id}`}
            style={{ position: 'relative', width: 160, height: 160, border: '1px solid #f0f0f0', borderRadius: 4, overflow: 'hidden' }}
          >
            {/* The signed URL works without a token, so the full photo simply opens in a new tab. */}
            <a href={p.url} target="_blank" rel="noreferrer" title="查看原图">
              <img src={p.url} width={160} height={160} style={{ objectFit: 'cover', display: 'block' }} alt="活动照片" />
            </a>
            <Button
              size="small"
              danger
              icon={<DeleteOutlined />}
              style={{ position: 'absolute', top: 4, right: 4 }}
              aria-label="删除照片"
              data-testid={`photo-delete-${p.id}`}
              onClick={() =>
                modal.confirm({
                  title: '删除这张照片？',
                  okText: '删除',
                  okButtonProps: { danger: true },
                  cancelText: '取消',
                  onOk: () => remove(p.id),
                })
              }
            />
          </div>
        ))}
      </div>
    </div>
  );
}
