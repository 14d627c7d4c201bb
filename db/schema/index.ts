export * from './counties';
export * from './users';
export * from './audit';
export * from './cases';
export * from './coordination';
export * from './statistics';
export * from './security';
export * from './releases';
