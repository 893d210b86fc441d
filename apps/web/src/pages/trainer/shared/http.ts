import { languageHeaders } from '../../../i18n';
import { freshToken, HttpProblem, httpProblem } from '../../../lib/http';

export type UploadKind = 'videos' | 'documents' | 'images';

/** The API's answer to an upload (POST /media/<kind>): the new file's row. */
export interface UploadedMedia {
  id: string;
  kind: 'VIDEO' | 'DOCUMENT' | 'IMAGE';
  status: 'PROCESSING' | 'READY' | 'FAILED';
  originalName: string;
  sizeBytes: number;
}

export interface UploadHandle {
  done: Promise<UploadedMedia>;
  abort(): void;
}

/**
 * Uploads one file as multipart/form-data (field `file`) with the bearer
 * token, reporting real progress (XMLHttpRequest upload events). An expired
 * token is refreshed and the upload sent once more.
 */
export function uploadMedia(kind: UploadKind, file: File, onProgress: (percent: number) => void): UploadHandle {
  let xhr: XMLHttpRequest | null = null;
  let aborted = false;
  const send = (token: string) =>
    new Promise<UploadedMedia>((resolve, reject) => {
      const request = new XMLHttpRequest();
      xhr = request;
      request.open('POST', `/media/${kind}`);
      request.setRequestHeader('authorization', `Bearer ${token}`);
      for (const [name, value] of Object.entries(languageHeaders())) request.setRequestHeader(name, value);
      request.upload.onprogress = (event) => {
        if (event.lengthComputable) onProgress(Math.min(100, Math.round((event.loaded / event.total) * 100)));
      };
      request.onload = () => {
        if (request.status === 201 || request.status === 200) resolve(JSON.parse(request.responseText) as UploadedMedia);
        else reject(httpProblem(request.status, request.responseText));
      };
      request.onerror = () => reject(new HttpProblem('NETWORK', 'network error', 0));
      request.onabort = () => reject(new HttpProblem('ABORTED', 'aborted', 0));
      const body = new FormData();
      body.append('file', file, file.name);
      request.send(body);
    });
  const done = (async () => {
    const token = await freshToken();
    try {
      return await send(token);
    } catch (error) {
      if (!aborted && error instanceof HttpProblem && error.code === 'UNAUTHENTICATED') {
        onProgress(0);
        return send(await freshToken());
      }
      throw error;
    }
  })();
  return {
    done,
    abort() {
      aborted = true;
      xhr?.abort();
    },
  };
}
