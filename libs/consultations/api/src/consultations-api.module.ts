import { Module } from '@nestjs/common';
import { CLOCK, systemClock } from '@tmk/shared-kernel';
import { REALTIME_ROOM_AUTHORIZER } from '@tmk/shared-infrastructure';
import {
  ATTACHMENT_REQUEST_ACCESS,
  AttachmentService,
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

/** The consultations context as the api process hosts it. */
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
  ],
  exports: [REALTIME_ROOM_AUTHORIZER],
})
export class ConsultationsApiModule {}
