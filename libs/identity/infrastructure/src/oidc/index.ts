export * from './client-authentication';
export * from './oidc-provider';
export * from './oidc-transactions';
