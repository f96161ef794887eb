export * from './errors';
export * from './integration-event';
export * from './ids';
export * from './clock';
export * from './aggregate-root';
export * from './person/personal-ids';
export * from './actor';
export * from './platform-events';
