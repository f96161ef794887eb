export * from './cms/cms-verifier';
export * from './cms/cades-builder';
export { algorithmName, digest, type DigestName } from './cms/algorithms';
export * from './pdf/conclusion-pdf';
