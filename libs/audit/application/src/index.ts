export * from './queries/list-event-log/list-event-log.query';
export * from './queries/list-event-log/list-event-log.handler';
