/** Files as the article input schema takes them: {filename, contentType, contentBase64}. */
export interface AttachmentUpload {
  filename: string;
  contentType: string;
  contentBase64: string;
}

/** A file the agent chose or one of the forwarded mail's, before it is encoded. */
export interface PendingFile {
  key: string;
  filename: string;
  contentType: string;
  size: number;
  /** Loads the content; forwarded attachments are fetched only when sent. */
  load: () => Promise<Blob>;
}

/** 20 MB: the total the composer accepts, well under the server's request limit once base64 adds a third. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** Base64 of bytes, in chunks so large files do not overflow the argument list of fromCharCode. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** Reads a Blob (a File, or a fetched attachment) as base64. */
export async function blobToBase64(blob: Blob): Promise<string> {
  return bytesToBase64(new Uint8Array(await blob.arrayBuffer()));
}

/** The MIME type the server accepts: the browser's guess, or application/octet-stream. */
export function safeContentType(type: string | null | undefined): string {
  const plain = (type ?? '').split(';')[0]!.trim().toLowerCase();
  return /^[\w.+-]+\/[\w.+-]+$/.test(plain) ? plain : 'application/octet-stream';
}

/** A file name without path separators or NUL, which the server refuses. */
export function safeFilename(name: string): string {
  const cleaned = name.replace(/[\\/\0]/g, '_').trim();
  return cleaned || 'attachment';
}

/** Sum of the sizes. */
export function totalBytes(files: readonly { size: number }[]): number {
  return files.reduce((sum, file) => sum + file.size, 0);
}

/** Whether adding files keeps the total within the limit. */
export function fitsLimit(current: readonly { size: number }[], added: readonly { size: number }[], limit = MAX_ATTACHMENT_BYTES): boolean {
  return totalBytes(current) + totalBytes(added) <= limit;
}

/** "512 B", "14 KB", "3.2 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}

/** Encodes every pending file for the request. */
export async function encodeFiles(files: readonly PendingFile[]): Promise<AttachmentUpload[]> {
  return Promise.all(files.map(async (f) => ({ filename: safeFilename(f.filename), contentType: safeContentType(f.contentType), contentBase64: await blobToBase64(await f.load()) })));
}
