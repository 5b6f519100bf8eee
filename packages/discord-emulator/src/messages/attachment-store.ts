// The bytes of uploaded attachments, served at their URL (Discord's CDN) and readable by tests.
// Bounded: past `maxBytes`, the oldest uploads are forgotten (their URLs then answer 404).

export interface StoredAttachment {
  filename: string;
  contentType: string;
  data: Buffer;
}

export const DEFAULT_ATTACHMENT_STORE_BYTES = 64 * 1024 * 1024;

export class AttachmentStore {
  private readonly byId = new Map<string, StoredAttachment>();
  private bytes = 0;

  constructor(private readonly maxBytes = DEFAULT_ATTACHMENT_STORE_BYTES) {}

  save(id: string, attachment: StoredAttachment): void {
    this.byId.set(id, attachment);
    this.bytes += attachment.data.length;
    // Maps iterate in insertion order: the first entries are the oldest.
    for (const [oldId, old] of this.byId) {
      if (this.bytes <= this.maxBytes || oldId === id) break;
      this.byId.delete(oldId);
      this.bytes -= old.data.length;
    }
  }

  get(id: string): StoredAttachment | undefined {
    return this.byId.get(id);
  }
}
