import type { Provider } from '@nestjs/common';
import {
  CHAT_STORE,
  CONCLUSION_STORE,
  CONSILIUM_STORE,
  DEADLINE_ADMIN_STORE,
  DEADLINE_POLICY,
  IDEMPOTENCY_STORE,
  REQUEST_QUERIES,
} from '@tmk/consultations-application';
import { SqlRequestQueries } from './request-queries';
import { SqlChatStore, SqlConclusionStore, SqlConsiliumStore, SqlIdempotencyStore } from './work-stores';
import { SqlDeadlinePolicy } from './deadline-policy';

export * from './request-queries';
export * from './work-stores';
export * from './deadline-policy';

/** Adapters of the work on requests (read side, chat, conclusion, consilium, idempotency, deadlines). */
export const consultationsWorkAdapters: Provider[] = [
  { provide: REQUEST_QUERIES, useClass: SqlRequestQueries },
  { provide: CHAT_STORE, useClass: SqlChatStore },
  { provide: CONCLUSION_STORE, useClass: SqlConclusionStore },
  { provide: CONSILIUM_STORE, useClass: SqlConsiliumStore },
  { provide: IDEMPOTENCY_STORE, useClass: SqlIdempotencyStore },
  SqlDeadlinePolicy,
  { provide: DEADLINE_POLICY, useExisting: SqlDeadlinePolicy },
  { provide: DEADLINE_ADMIN_STORE, useExisting: SqlDeadlinePolicy },
];
