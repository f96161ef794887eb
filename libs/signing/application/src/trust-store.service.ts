import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, DomainError, type Actor, type Clock } from '@tmk/shared-kernel';
import {
  CRL_FETCHER,
  TRUST_STORE,
  type CrlFetcher,
  type CrlView,
  type TrustAnchorView,
  type TrustStore,
} from './ports';

const notFound = () => DomainError.notFound('SIGNING.NOT_IN_TRUST_STORE', 'Not in the trust store');

/**
 * The trust store administrators manage (system administrators: accredited CAs are nationwide): CA
 * certificates a signer's chain must reach, and CRLs, uploaded or fetched by URL (refetched when outdated).
 */
@Injectable()
export class TrustStoreService {
  constructor(
    @Inject(TRUST_STORE) private readonly store: TrustStore,
    @Inject(CRL_FETCHER) private readonly fetcher: CrlFetcher,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  anchors(): Promise<TrustAnchorView[]> {
    return this.store.anchors();
  }

  addAnchor(actor: Actor, certificate: Uint8Array): Promise<TrustAnchorView> {
    return this.store.addAnchor(certificate, actor.kind === 'staff' ? actor.userId : '', this.clock.now());
  }

  async removeAnchor(id: string): Promise<void> {
    if (!(await this.store.removeAnchor(id))) throw notFound();
  }

  crls(): Promise<CrlView[]> {
    return this.store.crls();
  }

  uploadCrl(crl: Uint8Array): Promise<CrlView> {
    return this.store.putCrl(crl, null, this.clock.now());
  }

  async addCrlFromUrl(url: string): Promise<CrlView> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      parsed = new URL('invalid:');
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw DomainError.validation('SIGNING.BAD_CRL_URL', 'A CRL is fetched over http or https', [
        { field: 'url', code: 'INVALID', message: 'an http(s) URL' },
      ]);
    }
    const bytes = await this.fetcher.fetch(parsed.toString());
    return this.store.putCrl(bytes, parsed.toString(), this.clock.now());
  }

  async removeCrl(id: string): Promise<void> {
    if (!(await this.store.removeCrl(id))) throw notFound();
  }
}
