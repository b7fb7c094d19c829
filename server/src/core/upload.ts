/** Reads one uploaded file from a multipart request, with a hard size limit (413 above it). */
import Busboy from 'busboy';
import { MAX_IMPORT_BYTES } from '@djzy/shared';
import { AppError } from './errors';
import type { AppContext } from './http';

export async function readUpload(
  ctx: AppContext,
  field = 'file',
  maxBytes = MAX_IMPORT_BYTES,
  invalid: 'IMPORT_FILE_INVALID' | 'UPLOAD_INVALID' = 'IMPORT_FILE_INVALID',
): Promise<{ filename: string; data: Buffer }> {
  const type = ctx.get('content-type');
  const what = invalid === 'IMPORT_FILE_INVALID' ? ' .xlsx 文件' : '文件';
  if (!/^multipart\/form-data/i.test(type)) throw new AppError(invalid, undefined, `请以表单方式（multipart/form-data）上传${what}`);
  const declared = Number(ctx.get('content-length') || 0);
  if (declared > maxBytes + 64 * 1024) {
    ctx.req.resume();
    throw new AppError('PAYLOAD_TOO_LARGE', { maxBytes }, `文件不能超过 ${Math.round(maxBytes / 1024 / 1024)} MB`);
  }
  return new Promise((resolve, reject) => {
    let bb: Busboy.Busboy;
    try {
      bb = Busboy({
        headers: ctx.req.headers,
        defParamCharset: 'utf8',
        limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 1024 },
      });
    } catch {
      reject(new AppError(invalid));
      return;
    }
    let result: { filename: string; data: Buffer } | null = null;
    let failed: AppError | null = null;
    bb.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => {
        failed = new AppError('PAYLOAD_TOO_LARGE', { maxBytes }, `文件不能超过 ${Math.round(maxBytes / 1024 / 1024)} MB`);
      });
      stream.on('end', () => {
        if (name === field && !failed) result = { filename: info.filename ?? '', data: Buffer.concat(chunks) };
      });
    });
    bb.on('error', () => reject(new AppError(invalid)));
    bb.on('close', () => {
      if (failed) return reject(failed);
      if (!result || !result.data.length) return reject(new AppError(invalid, undefined, `请选择要上传的${what}（表单字段 ${field}）`));
      resolve(result);
    });
    ctx.req.pipe(bb);
  });
}
