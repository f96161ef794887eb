export * from './bytes';
export * from './cades-builder';
export * from './ecdsa';
export * from './oids';
export * from './software-token';
export * from './x509-names';
