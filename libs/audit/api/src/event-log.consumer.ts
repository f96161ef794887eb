import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { IntegrationEvent } from '@tmk/shared-kernel';
import { IntegrationEventConsumer, type IntegrationEventHandler } from '@tmk/shared-infrastructure';
import { DemoPingRecordedV1 } from '@tmk/consultations-contracts';
import {
  AccessDeniedV1,
  LoggedOutV1,
  LoginFailedV1,
  LoginSucceededV1,
  OrganisationChangedV1,
  PatientRegisteredV1,
  RoleGrantedV1,
  RoleRevokedV1,
  UserAccountChangedV1,
  UserRegisteredV1,
} from '@tmk/identity-contracts';
import { EventLogStore } from '@tmk/audit-infrastructure';

/** Stores every integration event audit subscribes to in its event log. */
@Injectable()
@IntegrationEventConsumer()
export class EventLogConsumer implements IntegrationEventHandler {
  readonly consumer = 'audit';
  readonly eventTypes = [
    DemoPingRecordedV1.type,
    UserRegisteredV1.type,
    RoleGrantedV1.type,
    RoleRevokedV1.type,
    UserAccountChangedV1.type,
    OrganisationChangedV1.type,
    PatientRegisteredV1.type,
    LoginSucceededV1.type,
    LoginFailedV1.type,
    LoggedOutV1.type,
    AccessDeniedV1.type,
  ];

  constructor(private readonly store: EventLogStore) {}

  handle(event: IntegrationEvent, em: EntityManager): Promise<void> {
    return this.store.append(em, event);
  }
}
