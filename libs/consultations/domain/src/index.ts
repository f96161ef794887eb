export * from './demo-ping/demo-ping.aggregate';
export * from './demo-ping/demo-ping.repository';
export * from './deadlines/production-calendar';
export * from './deadlines/zoned-time';
export * from './deadlines/deadline-rules';
export * from './request/consultation-request';
export * from './request/request.repository';
