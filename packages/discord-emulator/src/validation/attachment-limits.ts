// Uploads Discord refuses: more than 10 files, a file over the upload limit, an empty file name,
// and an `attachments` entry that names neither an uploaded file nor one the message already has.
import { DiscordHttpError, type FieldError } from '../errors.ts';
import type { UploadedFile } from '../messages/message-builder.ts';
import { isObject } from './problems.ts';

export const UploadLimits = {
  filesPerMessage: 10,
  /** Discord's default upload limit for a bot without boosts: 10 MiB. */
  fileBytes: 10 * 1024 * 1024,
} as const;

export const requestTooLarge = () => new DiscordHttpError(413, 40005, 'Request entity too large');

/** Throws 40005 for a file over the limit; returns field errors for the rest. */
export function checkUploads(payload: unknown, files: readonly UploadedFile[], existing: readonly unknown[] = []): FieldError[] {
  if (files.some((file) => file.size > UploadLimits.fileBytes)) throw requestTooLarge();
  const problems: FieldError[] = [];
  if (files.length > UploadLimits.filesPerMessage) {
    problems.push({ path: ['files'], code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${UploadLimits.filesPerMessage} or fewer in length.` });
  }
  files.forEach((file) => {
    if (file.filename.trim() === '') problems.push({ path: [`files[${file.index}]`], code: 'BASE_TYPE_REQUIRED', message: 'A file needs a name.' });
  });
  const requested = isObject(payload) && Array.isArray(payload.attachments) ? payload.attachments : [];
  if (requested.length > UploadLimits.filesPerMessage) {
    problems.push({ path: ['attachments'], code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${UploadLimits.filesPerMessage} or fewer in length.` });
  }
  const kept = new Set(existing.filter(isObject).map((a) => String(a.id)));
  requested.forEach((entry, i) => {
    const id = isObject(entry) ? String(entry.id) : '';
    if (!files.some((file) => String(file.index) === id) && !kept.has(id)) {
      problems.push({
        path: ['attachments', i, 'id'],
        code: 'ATTACHMENT_NOT_FOUND',
        message: `Attachment ${id} is neither uploaded with this request nor on the message.`,
      });
    }
  });
  return problems;
}
