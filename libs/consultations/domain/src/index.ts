export * from './demo-ping/demo-ping.aggregate';
export * from './demo-ping/demo-ping.repository';
