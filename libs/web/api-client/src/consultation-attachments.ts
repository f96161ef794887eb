import { newId } from '@tmk/shared-kernel';
import {
  CSRF_HEADER,
  REQUEST_ID_HEADER,
  currentCsrfToken,
  unwrap,
  useApiClient,
  type ApiClient,
} from './client';
import { networkProblem, toApiProblem } from './problem';
import type { components } from './schema';

/**
 * Files of a doctor–doctor request (`/api/v1/consultations/requests/:id/attachments`). The list is a typed
 * call; the upload goes through `XMLHttpRequest`, the one browser api that reports upload progress. Both fail
 * with an {@link ApiProblem} (`CONSULTATIONS.FILE_TYPE_NOT_ALLOWED`, `FILE_TOO_LARGE`, `FILE_EMPTY`,
 * `ATTACHMENTS_QUOTA_EXCEEDED`…); a cancelled upload rejects with a DOMException named `AbortError`.
 */
export type ConsultationAttachment = components['schemas']['AttachmentDto'];

export interface AttachmentCallOptions {
  readonly signal?: AbortSignal;
  /** Prefix of the api (tests, other origins); same origin by default. */
  readonly baseUrl?: string;
  /** Upload progress: bytes of the request body sent so far and its total. */
  readonly onProgress?: (sent: number, total: number) => void;
  /** Makes the upload's XMLHttpRequest (tests). */
  readonly xhr?: () => XMLHttpRequest;
  /** The typed client for the list (tests); the shared one by default. */
  readonly client?: ApiClient;
}

/** Where the files of a request live; `attachmentId` gives one file's download address. */
export function consultationAttachmentsPath(requestId: string, attachmentId?: string): string {
  const base = `/api/v1/consultations/requests/${encodeURIComponent(requestId)}/attachments`;
  return attachmentId ? `${base}/${encodeURIComponent(attachmentId)}` : base;
}

function aborted(): DOMException {
  return new DOMException('The upload was cancelled', 'AbortError');
}

function parseBody(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text; // not JSON: kept as text (a proxy's error page)
  }
}

/**
 * Uploads one file (multipart field `file`) and resolves to what the server recognised it as. Sends the
 * request id and CSRF token like the typed client; `onProgress` follows the bytes sent.
 */
export function uploadConsultationAttachment(
  requestId: string,
  file: Blob,
  fileName: string,
  options: AttachmentCallOptions = {},
): Promise<ConsultationAttachment> {
  return new Promise((resolve, reject) => {
    const { signal } = options;
    if (signal?.aborted) {
      reject(aborted());
      return;
    }
    const id = newId();
    const xhr = options.xhr ? options.xhr() : new XMLHttpRequest();
    const onAbort = (): void => xhr.abort();
    const settle = (): void => signal?.removeEventListener('abort', onAbort);
    xhr.open('POST', `${options.baseUrl ?? ''}${consultationAttachmentsPath(requestId)}`);
    xhr.withCredentials = true;
    xhr.responseType = 'text';
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.setRequestHeader(REQUEST_ID_HEADER, id);
    const token = currentCsrfToken();
    if (token) xhr.setRequestHeader(CSRF_HEADER, token);
    if (options.onProgress) {
      const report = options.onProgress;
      xhr.upload.onprogress = (event) =>
        report(event.loaded, event.lengthComputable ? event.total : file.size);
    }
    xhr.onload = () => {
      settle();
      const body = parseBody(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as ConsultationAttachment);
        return;
      }
      if (xhr.status < 200 || xhr.status > 599) {
        reject(networkProblem(new Error(`Unexpected status ${xhr.status}`), id));
        return;
      }
      const headers = new Headers();
      const answeredId = xhr.getResponseHeader(REQUEST_ID_HEADER);
      if (answeredId) headers.set(REQUEST_ID_HEADER, answeredId);
      const response = new Response(null, { status: xhr.status, statusText: xhr.statusText, headers });
      reject(toApiProblem(response, body, id));
    };
    xhr.onerror = () => {
      settle();
      reject(networkProblem(new Error('The upload failed'), id));
    };
    xhr.ontimeout = xhr.onerror;
    xhr.onabort = () => {
      settle();
      reject(aborted());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const form = new FormData();
    form.append('file', file, fileName);
    xhr.send(form);
  });
}

/** The files of a request, oldest first (an audited read of the patient's data). */
export function listConsultationAttachments(
  requestId: string,
  options: AttachmentCallOptions = {},
): Promise<ConsultationAttachment[]> {
  const client = options.client ?? useApiClient();
  return unwrap(
    client.GET('/api/v1/consultations/requests/{id}/attachments', {
      params: { path: { id: requestId } },
      ...(options.signal ? { signal: options.signal } : {}),
    }),
  );
}

/** Whether an upload failed because it was cancelled (not a problem to show). */
export function isUploadCancelled(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
