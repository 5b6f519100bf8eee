// Request bodies as discord.js sends them: JSON, or multipart/form-data with `payload_json`
// and `files[n]` when attachments are uploaded.
import type { IncomingMessage } from 'node:http';
import { invalidJson } from '../errors.ts';
import type { UploadedFile } from '../messages/message-builder.ts';

export interface ParsedBody {
  body: unknown;
  files: UploadedFile[];
  /** The raw text, kept for violation summaries. */
  raw: string;
}

const MAX_BODY_BYTES = 30 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('Request entity too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function parseBody(buffer: Buffer, contentType: string | undefined): Promise<ParsedBody> {
  if (buffer.length === 0) return { body: undefined, files: [], raw: '' };
  if (contentType?.startsWith('multipart/form-data')) return parseMultipart(buffer, contentType);
  const raw = buffer.toString('utf8');
  try {
    return { body: JSON.parse(raw), files: [], raw };
  } catch {
    throw invalidJson();
  }
}

async function parseMultipart(buffer: Buffer, contentType: string): Promise<ParsedBody> {
  const form = await new Response(buffer, { headers: { 'content-type': contentType } }).formData();
  let body: unknown = {};
  let raw = '';
  const files: UploadedFile[] = [];
  for (const [name, value] of form.entries()) {
    if (name === 'payload_json' && typeof value === 'string') {
      raw = value;
      try {
        body = JSON.parse(value);
      } catch {
        throw invalidJson();
      }
      continue;
    }
    const fileIndex = /^files\[(\d+)\]$/.exec(name)?.[1];
    if (fileIndex !== undefined && typeof value !== 'string') {
      const data = Buffer.from(await value.arrayBuffer());
      files.push({ index: Number(fileIndex), filename: value.name, contentType: value.type || 'application/octet-stream', size: data.length, data });
    }
  }
  return { body, files, raw };
}
