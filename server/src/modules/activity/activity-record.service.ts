/**
 * 记实: minutes and up to nine photos per activity, visible to its members. Photos are served
 * through short-lived signed URLs, so an <image> tag can show them without a token.
 */
import type { DataSource } from 'typeorm';
import { MAX_ACTIVITY_PHOTOS, toIsoLocal, type ActivityPhotoView, type ActivityRecordView } from '@djzy/shared';
import { writeAudit, type AuditContext } from '../audit';
import { AppError } from '../../core/errors';
import { isIdLike, newId } from '../../core/ids';
import type { Principal } from '../../core/principal';
import { UrlSigner } from '../../core/signed-url';
import { decodeImage, type Storage } from '../../core/storage';
import type { ActivityAccess } from './activity.access';
import type { Activity, ActivityPhoto } from './activity.entity';
import { ActivityRepository } from './activity.repository';
import { systemClock, type Clock } from '../../core/clock';

const URL_TTL_MS = 60 * 60_000;

export class ActivityRecordService {
  private readonly urls: UrlSigner;
  private readonly repo: ActivityRepository;
  constructor(
    private readonly ds: DataSource,
    private readonly activities: ActivityAccess,
    private readonly storage: Storage,
    secret: string,
    private readonly apiBase: string,
    private readonly now: Clock = systemClock,
  ) {
    this.urls = new UrlSigner(secret, 'djzy:photo-url:v1', URL_TTL_MS, now);
    this.repo = new ActivityRepository(ds);
  }

  private async access(p: Principal, activityId: string): Promise<{ activity: Activity; canManage: boolean }> {
    const { activity, canManage } = await this.activities.loadVisible(p, activityId);
    return { activity, canManage };
  }

  private async managed(p: Principal, activityId: string): Promise<Activity> {
    const { activity, canManage } = await this.access(p, activityId);
    if (!canManage) throw new AppError('FORBIDDEN');
    return activity;
  }

  private present(ph: ActivityPhoto): ActivityPhotoView {
    return {
      id: ph.id,
      url: `${this.apiBase}/activities/${ph.activityId}/photos/${ph.id}?${this.urls.query(ph.id)}`,
      contentType: ph.contentType,
      size: ph.size,
      createdAt: toIsoLocal(ph.createdAt),
    };
  }

  async get(p: Principal, activityId: string): Promise<ActivityRecordView> {
    await this.access(p, activityId);
    const record = await this.repo.record(activityId);
    const photos = await this.repo.photosOf(activityId);
    return {
      activityId,
      minutes: record?.minutes ?? '',
      updatedAt: record ? toIsoLocal(record.updatedAt) : null,
      photos: photos.map((ph) => this.present(ph)),
    };
  }

  async saveMinutes(p: Principal, activityId: string, minutes: string, audit: AuditContext): Promise<ActivityRecordView> {
    const activity = await this.managed(p, activityId);
    await this.ds.transaction(async (em) => {
      await this.repo.saveRecord(em, { activityId: activity.id, minutes, updatedAt: this.now(), updatedBy: p.id });
      await writeAudit(em, p, 'activity.record', { type: 'activity', id: activity.id }, { length: minutes.length }, audit);
    });
    return this.get(p, activityId);
  }

  /** Adds a photo; the file must really be an image, and there are at most nine. */
  async addPhoto(p: Principal, activityId: string, upload: Buffer, audit: AuditContext): Promise<ActivityPhotoView> {
    const activity = await this.managed(p, activityId);
    const image = await decodeImage(upload);
    if (!image) throw new AppError('PHOTO_INVALID');
    const { data, ...kind } = image;
    const photo: ActivityPhoto = {
      id: newId(),
      activityId: activity.id,
      storageKey: '',
      contentType: kind.contentType,
      size: data.length,
      createdBy: p.id,
      createdAt: this.now(),
    };
    photo.storageKey = `activities/${activity.id}/${photo.id}.${kind.ext}`;
    await this.storage.put(photo.storageKey, data);
    try {
      await this.ds.transaction(async (em) => {
        // Lock the activity row so two uploads cannot both see eight photos and make eleven.
        await this.repo.lock(em, activity.id);
        const count = await this.repo.countPhotos(em, activity.id);
        if (count >= MAX_ACTIVITY_PHOTOS) throw new AppError('PHOTO_LIMIT');
        await this.repo.insertPhoto(em, photo);
        await writeAudit(
          em,
          p,
          'activity.photo_add',
          { type: 'activity', id: activity.id },
          { photoId: photo.id, size: data.length },
          audit,
        );
      });
    } catch (e) {
      await this.storage.delete(photo.storageKey);
      throw e;
    }
    return this.present(photo);
  }

  async deletePhoto(p: Principal, activityId: string, photoId: string, audit: AuditContext): Promise<void> {
    const activity = await this.managed(p, activityId);
    const photo = isIdLike(photoId) ? await this.repo.photo(photoId, activity.id) : null;
    if (!photo) throw new AppError('NOT_FOUND');
    await this.ds.transaction(async (em) => {
      await this.repo.deletePhoto(em, photo.id);
      await writeAudit(em, p, 'activity.photo_delete', { type: 'activity', id: activity.id }, { photoId: photo.id }, audit);
    });
    await this.storage.delete(photo.storageKey);
  }

  /** The bytes behind a signed URL; a bad or expired signature is 404. */
  async photoBytes(activityId: string, photoId: string, exp: string, sig: string): Promise<{ data: Buffer; contentType: string }> {
    const photo = this.urls.verify(photoId, exp, sig) && isIdLike(photoId) ? await this.repo.photo(photoId, activityId) : null;
    const data = photo ? await this.storage.get(photo.storageKey) : null;
    if (!photo || !data) throw new AppError('NOT_FOUND');
    return { data, contentType: photo.contentType };
  }
}
