import { MediaKind } from './media.enums';

interface FileType {
  contentType: string;
  extension: string;
  /** True when the first bytes of a file are of this type. */
  matches(head: Buffer): boolean;
}

const startsWith = (head: Buffer, bytes: number[], offset = 0) => bytes.every((b, i) => head[offset + i] === b);

const MP4: FileType = {
  contentType: 'video/mp4',
  extension: 'mp4',
  // ISO base media: a box size, then "ftyp"
  matches: (head) => head.length >= 12 && head.toString('latin1', 4, 8) === 'ftyp',
};
const WEBM: FileType = { contentType: 'video/webm', extension: 'webm', matches: (head) => startsWith(head, [0x1a, 0x45, 0xdf, 0xa3]) };
const PDF: FileType = { contentType: 'application/pdf', extension: 'pdf', matches: (head) => head.toString('latin1', 0, 5) === '%PDF-' };
const JPEG: FileType = { contentType: 'image/jpeg', extension: 'jpg', matches: (head) => startsWith(head, [0xff, 0xd8, 0xff]) };
const PNG: FileType = { contentType: 'image/png', extension: 'png', matches: (head) => startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) };
const WEBP: FileType = {
  contentType: 'image/webp',
  extension: 'webp',
  matches: (head) => head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP',
};

/** What each kind of upload accepts. The declared type must be allowed and the file's first bytes must agree with it. */
export const ACCEPTED_TYPES: Record<MediaKind, FileType[]> = {
  [MediaKind.VIDEO]: [MP4, WEBM],
  [MediaKind.DOCUMENT]: [PDF],
  [MediaKind.IMAGE]: [JPEG, PNG, WEBP],
};

/** Bytes needed to recognise every accepted type. */
export const SNIFF_BYTES = 12;

export function acceptedType(kind: MediaKind, declared: string): FileType | undefined {
  const normalised = declared.split(';')[0].trim().toLowerCase();
  return ACCEPTED_TYPES[kind].find((t) => t.contentType === normalised);
}

export function describeAccepted(kind: MediaKind): string {
  return ACCEPTED_TYPES[kind].map((t) => `${t.extension} (${t.contentType})`).join(', ');
}
