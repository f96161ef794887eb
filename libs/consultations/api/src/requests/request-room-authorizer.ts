import { Injectable } from '@nestjs/common';
import type { Actor } from '@tmk/shared-kernel';
import type { RealtimeRoomAuthorizer } from '@tmk/shared-infrastructure';
import { RequestService } from '@tmk/consultations-application';

/** `request:<id>` rooms: whoever may read the request (the same relation check as the REST reads). */
@Injectable()
export class RequestRoomAuthorizer implements RealtimeRoomAuthorizer {
  constructor(private readonly requests: RequestService) {}

  async mayWatch(actor: Actor, room: string): Promise<boolean> {
    const match = /^request:([0-9a-f-]{36})$/.exec(room);
    if (!match?.[1]) return false;
    try {
      await this.requests.load(actor, match[1]);
      return true;
    } catch {
      return false;
    }
  }
}
