export * from './commands/record-demo-ping/record-demo-ping.command';
export * from './commands/record-demo-ping/record-demo-ping.handler';
