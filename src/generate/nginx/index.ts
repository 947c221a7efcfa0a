export * from './document.ts';
export * from './writer.ts';
