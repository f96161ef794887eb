export * from './ports';
export * from './conclusion-mapping';
export * from './signing.service';
export * from './public-verification.service';
export * from './trust-store.service';
// Re-exported for the api layer (which may not import the domain).
export {
  REASON_CODES,
  SIGNER_ROLES,
  type CertificateName,
  type ReasonCode,
  type SignatureRecord,
  type SignerReport,
  type SignerRole,
} from '@tmk/signing-domain';
