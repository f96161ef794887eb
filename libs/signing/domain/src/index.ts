export * from './verification/verification-result';
export * from './verification/verification.rule';
export * from './verification/signature-verifier';
export * from './documents/conclusion-document';
export * from './documents/signed-document';
