import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type Actor } from '@tmk/shared-kernel';
import { IDENTITY_DIRECTORY, type IdentityDirectory } from '@tmk/identity-contracts';

export interface CentreChoice {
  readonly id: string;
  readonly name: string;
  readonly shortName: string | null;
  readonly timeZone: string;
  readonly consultants: readonly { id: string; displayName: string; specialtyCode: string | null }[];
}

/** Where a request can go: the consultation centres (ТКЦ) of the actor's region or of the federal level. */
@Injectable()
export class RoutingService {
  constructor(@Inject(IDENTITY_DIRECTORY) private readonly directory: IdentityDirectory) {}

  async centres(
    actor: Actor,
    level: 'REGIONAL' | 'FEDERAL',
    profileCode: string | undefined,
  ): Promise<CentreChoice[]> {
    if (actor.kind !== 'staff') throw DomainError.forbidden('CONSULTATIONS.STAFF_ONLY', 'Staff only');
    if (level === 'REGIONAL' && actor.regionId === null) return [];
    const centres = await this.directory.consultationCentres(level === 'FEDERAL' ? null : actor.regionId);
    const out = await Promise.all(
      centres.map(async (c) => ({
        id: c.id,
        name: c.name,
        shortName: c.shortName,
        timeZone: c.timeZone,
        consultants: (await this.directory.consultants(c.id, profileCode ?? null)).map((s) => ({
          id: s.id,
          displayName: s.displayName,
          specialtyCode: s.specialtyCode,
        })),
      })),
    );
    return out.sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  }
}
