/** The messaging tables are written with plain SQL (bulk statements); no TypeORM entities. */
export const messagingEntities: (new (...args: never[]) => unknown)[] = [];
