export * from './cms/cms-verifier';
// The builder lives in @tmk/shared-cades (the browser's software token uses it); re-exported for importers.
export {
  buildDetachedCadesBes,
  type CadesHash,
  type DetachedCadesInput,
  type DigestName,
  type SigningKey,
} from '@tmk/shared-cades';
export { algorithmName, digest } from './cms/algorithms';
export * from './pdf/conclusion-pdf';
export * from './adapters';
export * from './persistence/document.store';
export * from './trust/trust-store';
export * from './pdf/stamp';
