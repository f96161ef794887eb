import { Global, Module } from '@nestjs/common';
import { CONSULTATION_DOCUMENTS } from '@tmk/consultations-contracts';
import { CLOCK, systemClock } from '@tmk/shared-kernel';
import { REALTIME_ROOM_AUTHORIZER } from '@tmk/shared-infrastructure';
import {
  ATTACHMENT_REQUEST_ACCESS,
  AttachmentService,
  ConsultationDocumentsService,
  DeadlineAdminService,
  RecordDemoPingHandler,
  REQUEST_NOTIFIER,
  RequestReadService,
  RequestService,
  RoutingService,
} from '@tmk/consultations-application';
import {
  consultationsAdapters,
  consultationsAttachmentAdapters,
  consultationsWorkAdapters,
  RealtimeRequestNotifier,
} from '@tmk/consultations-infrastructure';
import { DemoPingController } from './demo-ping.controller';
import { AttachmentsController } from './attachments.controller';
import { RequestsController } from './requests/requests.controller';
import { RoutingController } from './requests/routing.controller';
import { DeadlinesController } from './requests/deadlines.controller';
import { RequestRoomAuthorizer } from './requests/request-room-authorizer';

/**
 * The consultations context as the api process hosts it. Global for its published query contract
 * (`CONSULTATION_DOCUMENTS`, used by signing).
 */
@Global()
@Module({
  controllers: [
    DemoPingController,
    RequestsController,
    RoutingController,
    AttachmentsController,
    DeadlinesController,
  ],
  providers: [
    RecordDemoPingHandler,
    RequestService,
    RequestReadService,
    RoutingService,
    AttachmentService,
    DeadlineAdminService,
    ...consultationsAdapters,
    ...consultationsAttachmentAdapters,
    { provide: ATTACHMENT_REQUEST_ACCESS, useExisting: RequestService },
    ...consultationsWorkAdapters,
    { provide: REQUEST_NOTIFIER, useClass: RealtimeRequestNotifier },
    { provide: REALTIME_ROOM_AUTHORIZER, useClass: RequestRoomAuthorizer },
    { provide: CLOCK, useValue: systemClock },
    ConsultationDocumentsService,
    { provide: CONSULTATION_DOCUMENTS, useExisting: ConsultationDocumentsService },
  ],
  exports: [REALTIME_ROOM_AUTHORIZER, CONSULTATION_DOCUMENTS],
})
export class ConsultationsApiModule {}
