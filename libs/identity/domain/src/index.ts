export * from './password-policy';
export * from './login-throttle';
export * from './patient';
export * from './organisation';
