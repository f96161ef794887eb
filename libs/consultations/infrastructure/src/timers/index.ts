export * from './sla-timer.queue';
export * from './pending-deadlines.reader';
export * from './sla-timer.adapters';
