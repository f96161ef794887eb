import type { Provider } from '@nestjs/common';
import { CONSULTATION_REQUEST_REPOSITORY, DEMO_PING_REPOSITORY } from '@tmk/consultations-domain';
import { DemoPingOrmEntity } from './persistence/demo-ping.orm-entity';
import { DemoPingTypeormRepository } from './persistence/demo-ping.typeorm-repository';
import { ConsultationsInit1763780001000 } from './migrations/1763780001000-consultations-init';
import { ConsultationRequests1763780006000 } from './migrations/1763780006000-consultation-requests';
import { ConsultationWork1763780007000 } from './migrations/1763780007000-consultation-work';
import { DeadlineAdministration1763780008000 } from './migrations/1763780008000-deadline-administration';
import { InboxUnassignedIndex1763780009000 } from './migrations/1763780009000-inbox-unassigned-index';
import { SqlConsultationRequestRepository } from './persistence/request.repository';

export * from './persistence/demo-ping.orm-entity';
export * from './persistence/demo-ping.typeorm-repository';
export * from './persistence/request.repository';
export * from './work';

export const consultationsPersistence = {
  entities: [DemoPingOrmEntity],
  migrations: [
    ConsultationsInit1763780001000,
    ConsultationRequests1763780006000,
    ConsultationWork1763780007000,
    DeadlineAdministration1763780008000,
    InboxUnassignedIndex1763780009000,
  ],
};

/** Binds the context's ports to their TypeORM adapters. */
export const consultationsAdapters: Provider[] = [
  { provide: DEMO_PING_REPOSITORY, useClass: DemoPingTypeormRepository },
  { provide: CONSULTATION_REQUEST_REPOSITORY, useClass: SqlConsultationRequestRepository },
];
export * from './timers';
export * from './realtime/request-notifier';
export * from './attachments';
export * from './dictionaries/icd10';
