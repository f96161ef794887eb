import type { Provider } from '@nestjs/common';
import { DEMO_PING_REPOSITORY } from '@tmk/consultations-domain';
import { DemoPingOrmEntity } from './persistence/demo-ping.orm-entity';
import { DemoPingTypeormRepository } from './persistence/demo-ping.typeorm-repository';
import { ConsultationsInit1763780001000 } from './migrations/1763780001000-consultations-init';

export * from './persistence/demo-ping.orm-entity';
export * from './persistence/demo-ping.typeorm-repository';

export const consultationsPersistence = {
  entities: [DemoPingOrmEntity],
  migrations: [ConsultationsInit1763780001000],
};

/** Binds the context's ports to their TypeORM adapters. */
export const consultationsAdapters: Provider[] = [
  { provide: DEMO_PING_REPOSITORY, useClass: DemoPingTypeormRepository },
];
