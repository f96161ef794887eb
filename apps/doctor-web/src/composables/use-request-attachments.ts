import { ref, shallowRef, type Ref } from 'vue';
import {
  listConsultationAttachments,
  uploadConsultationAttachment,
  type ConsultationAttachment,
} from '@tmk/web-api-client';

export interface UploadOptions {
  /** Bytes sent so far and the total. */
  readonly onProgress?: (sent: number, total: number) => void;
  readonly signal?: AbortSignal;
}

export interface RequestAttachments {
  readonly items: Readonly<Ref<ConsultationAttachment[]>>;
  readonly loaded: Readonly<Ref<boolean>>;
  /** Why the list could not be read (the api's problem), or null. */
  readonly loadError: Readonly<Ref<unknown>>;
  reload(): Promise<void>;
  /**
   * Uploads one file; throws the api's problem (type not allowed, too large, empty, the request's quota…) or,
   * when `signal` aborts it, an AbortError (see `isUploadCancelled`).
   */
  upload(file: File, options?: UploadOptions): Promise<ConsultationAttachment>;
  byId(id: string): ConsultationAttachment | undefined;
}

/** The files of one request, shared by the files card, the chat and the data answer. */
export function useRequestAttachments(requestId: Readonly<Ref<string | null>>): RequestAttachments {
  const items = shallowRef<ConsultationAttachment[]>([]);
  const loaded = ref(false);
  const loadError = shallowRef<unknown>(null);

  async function reload(): Promise<void> {
    const id = requestId.value;
    if (!id) return;
    try {
      const list = await listConsultationAttachments(id);
      if (requestId.value !== id) return;
      items.value = list;
      loadError.value = null;
    } catch (e) {
      if (requestId.value === id) loadError.value = e;
    } finally {
      loaded.value = true;
    }
  }

  async function upload(file: File, options: UploadOptions = {}): Promise<ConsultationAttachment> {
    const id = requestId.value;
    if (!id) throw new Error('no request');
    const added = await uploadConsultationAttachment(id, file, file.name, options);
    if (requestId.value === id) items.value = [...items.value.filter((a) => a.id !== added.id), added];
    return added;
  }

  return {
    items,
    loaded,
    loadError,
    reload,
    upload,
    byId: (id) => items.value.find((a) => a.id === id),
  };
}
