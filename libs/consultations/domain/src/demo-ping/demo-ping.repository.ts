import type { IntegrationEvent } from '@tmk/shared-kernel';
import type { DemoPing } from './demo-ping.aggregate';

/** Port: saves the aggregate and the integration events it causes in one transaction. */
export interface DemoPingRepository {
  save(ping: DemoPing, events: readonly IntegrationEvent[]): Promise<void>;
  findById(id: string): Promise<DemoPing | null>;
}

export const DEMO_PING_REPOSITORY = Symbol('DemoPingRepository');
