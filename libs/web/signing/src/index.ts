export * from './available-signers';
export * from './cryptopro-signer';
export * from './document-signer';
export * from './software-token-signer';
export type * from './cadesplugin';
