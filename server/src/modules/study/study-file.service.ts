/**
 * Uploads of the learning kit: MP4 videos and PDF documents, checked by their first bytes (not
 * by the name or the declared type), kept through the storage interface and served through
 * signed addresses that a <video> tag or a download can use without a token.
 */
import type { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import type { StudyFileView, StudyUploadKind } from '@djzy/shared';
import { systemClock, type Clock } from '../../core/clock';
import { writeAudit, type AuditContext } from '../audit';
import { AppError } from '../../core/errors';
import { isIdLike, newId } from '../../core/ids';
import { UrlSigner } from '../../core/signed-url';
import { hasRole, type Principal } from '../../core/principal';
import type { ByteRange, Storage } from '../../core/storage';
import type { StudyFile } from './study.entity';
import { StudyRepository } from './study.repository';

/** Signed addresses last this long; a reader fetches the material again for a fresh one. */
const URL_TTL_MS = 6 * 3600_000;

/** What the first bytes say the file is, or null when it is not the declared kind. */
export function sniffStudyFile(kind: StudyUploadKind, data: Buffer): { contentType: string; ext: string } | null {
  if (kind === 'document')
    return data.subarray(0, 5).toString('latin1') === '%PDF-' ? { contentType: 'application/pdf', ext: 'pdf' } : null;
  // ISO base media (MP4): a box size, then `ftyp`, then a brand WeChat's player takes.
  if (data.length >= 12 && data.subarray(4, 8).toString('latin1') === 'ftyp') {
    const brand = data.subarray(8, 12).toString('latin1');
    if (/^(isom|iso[2-9]|mp4[12]|avc1|M4V |mmp4|MSNV|dash|f4v )$/.test(brand)) return { contentType: 'video/mp4', ext: 'mp4' };
  }
  return null;
}

/** A single `bytes=` range of a file of `size` bytes; null for the whole file (no or unreadable header). */
export function parseRange(header: string, size: number): ByteRange | null | 'unsatisfiable' {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (!m[1] && !m[2])) return null;
  if (!m[1]) {
    const n = Number(m[2]);
    return n > 0 && size > 0 ? { start: Math.max(0, size - n), end: size - 1 } : 'unsatisfiable';
  }
  const start = Number(m[1]);
  const end = m[2] ? Math.min(Number(m[2]), size - 1) : size - 1;
  return start < size && start <= end ? { start, end } : 'unsatisfiable';
}

export class StudyFileService {
  private readonly urls: UrlSigner;
  private readonly repo: StudyRepository;
  constructor(
    private readonly ds: DataSource,
    private readonly storage: Storage,
    secret: string,
    private readonly apiBase: string,
    private readonly now: Clock = systemClock,
  ) {
    this.repo = new StudyRepository(ds);
    this.urls = new UrlSigner(secret, 'djzy:study-file-url:v1', URL_TTL_MS, now);
  }

  /** A signed address for an uploaded file. */
  urlFor(fileId: string): string {
    return `${this.apiBase}/study/files/${fileId}?${this.urls.query(fileId)}`;
  }

  private present(f: StudyFile): StudyFileView {
    return { fileId: f.id, kind: f.kind, contentType: f.contentType, size: f.size, filename: f.filename, url: this.urlFor(f.id) };
  }

  /** `POST /study/uploads?kind=`: admins (who keep the learning kit) only. */
  async upload(p: Principal, kind: StudyUploadKind, data: Buffer, filename: string, audit: AuditContext): Promise<StudyFileView> {
    if (!hasRole(p, 'admin')) throw new AppError('ADMIN_REQUIRED');
    const sniffed = sniffStudyFile(kind, data);
    if (!sniffed) throw new AppError('STUDY_FILE_INVALID');
    const f: StudyFile = {
      id: newId(),
      kind,
      contentType: sniffed.contentType,
      size: data.length,
      // No path separators or control characters in a name that goes into a header.
      filename: [...(filename || `upload.${sniffed.ext}`)]
        .map((ch) => (ch === '/' || ch === '\\' || ch.charCodeAt(0) < 32 ? '_' : ch))
        .join('')
        .slice(0, 200),
      storageKey: '',
      createdBy: p.id,
      createdAt: this.now(),
    };
    f.storageKey = `study/${f.id}.${sniffed.ext}`;
    await this.storage.put(f.storageKey, data);
    try {
      await this.ds.transaction(async (em) => {
        await this.repo.insertFile(em, f);
        await writeAudit(em, p, 'study.file_upload', { type: 'study_file', id: f.id }, { kind, size: f.size }, audit);
      });
    } catch (e) {
      await this.storage.delete(f.storageKey);
      throw e;
    }
    return this.present(f);
  }

  async find(fileId: string): Promise<StudyFile | null> {
    return isIdLike(fileId) ? this.repo.file(fileId) : null;
  }

  /**
   * The file behind a signed address, streamed — whole, or the range a video player asks for
   * (`Range: bytes=a-b`, `a-`, `-n`). A bad or expired signature is 404; a range past the end 416.
   */
  async open(
    id: string,
    exp: string,
    sig: string,
    rangeHeader: string,
  ): Promise<{ file: StudyFile; range: ByteRange | null; body: Readable | null; unsatisfiable: boolean }> {
    const file = this.urls.verify(id, exp, sig) ? await this.find(id) : null;
    if (!file) throw new AppError('NOT_FOUND');
    const range = parseRange(rangeHeader, file.size);
    if (range === 'unsatisfiable') return { file, range: null, body: null, unsatisfiable: true };
    const body = await this.storage.read(file.storageKey, range ?? undefined);
    if (!body) throw new AppError('NOT_FOUND');
    return { file, range, body, unsatisfiable: false };
  }
}
