import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule, type AppConfig, type PersistenceParts } from '@tmk/shared-infrastructure';
import { AuditWorkerModule, auditPersistence } from '@tmk/audit-api';
import { ConsultationsWorkerModule, consultationsPersistence } from '@tmk/consultations-api';

const persistence: PersistenceParts = {
  entities: [...consultationsPersistence.entities, ...auditPersistence.entities],
  migrations: [],
};

/** Composition root of the worker: the outbox relay, event consumers and (later) timers and jobs. */
@Module({})
export class WorkerModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [PlatformModule.forWorker(config, persistence), AuditWorkerModule, ConsultationsWorkerModule],
    };
  }
}
