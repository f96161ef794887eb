import type { Provider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@tmk/shared-infrastructure';
import {
  CONCLUSION_RENDERER,
  CRL_FETCHER,
  DOCUMENT_STORE,
  SIGNED_PACKAGER,
  TRUST_STORE,
  VERIFIER_SOURCE,
  type ConclusionRenderer,
  type SignedPackager,
} from '@tmk/signing-application';
import { CONCLUSION_TEMPLATES, DEFAULT_CONCLUSION_TEMPLATE, renderConclusionPdf } from './pdf/conclusion-pdf';
import { extractSignedPackage, stampSignedPdf } from './pdf/stamp';
import { SqlDocumentStore } from './persistence/document.store';
import { SigningInit1763780010000 } from './migrations/1763780010000-signing-init';
import {
  HttpCrlFetcher,
  SqlTrustStore,
  TrustedVerifierSource,
  VERIFIER_SETTINGS,
  type VerifierSettings,
} from './trust/trust-store';

/** pdfmake with the per-profile templates; an unknown template id prints with the default one. */
export const pdfmakeConclusionRenderer: ConclusionRenderer = {
  render: (document) =>
    renderConclusionPdf({
      ...document,
      templateId:
        document.templateId && document.templateId in CONCLUSION_TEMPLATES
          ? document.templateId
          : DEFAULT_CONCLUSION_TEMPLATE,
    }),
};

/** pdf-lib: the stamped copy and reading it back. */
export const pdfLibPackager: SignedPackager = {
  stamp: (input) => stampSignedPdf(input),
  extract: (pdf) => extractSignedPackage(pdf),
};

export const signingPersistence = { entities: [], migrations: [SigningInit1763780010000] };

/** Binds the signing context's ports to their adapters. */
export const signingAdapters: Provider[] = [
  { provide: DOCUMENT_STORE, useClass: SqlDocumentStore },
  { provide: CONCLUSION_RENDERER, useValue: pdfmakeConclusionRenderer },
  { provide: SIGNED_PACKAGER, useValue: pdfLibPackager },
  SqlTrustStore,
  { provide: TRUST_STORE, useExisting: SqlTrustStore },
  { provide: CRL_FETCHER, useClass: HttpCrlFetcher },
  {
    provide: VERIFIER_SETTINGS,
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig): VerifierSettings => ({
      trustDir: config.SIGNING_TRUST_DIR,
      requireRevocationInfo: config.SIGNING_REQUIRE_CRL,
      window: {
        backMs: config.SIGNING_TIME_BACK_MINUTES * 60_000,
        forwardMs: config.SIGNING_TIME_AHEAD_MINUTES * 60_000,
      },
    }),
  },
  TrustedVerifierSource,
  { provide: VERIFIER_SOURCE, useExisting: TrustedVerifierSource },
];
