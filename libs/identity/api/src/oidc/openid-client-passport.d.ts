// openid-client publishes its passport strategy under the subpath export `openid-client/passport`, which
// TypeScript's `node` module resolution (tsconfig.base.json) cannot see; the types are the package's own.
declare module 'openid-client/passport' {
  export * from 'openid-client/build/passport';
}
