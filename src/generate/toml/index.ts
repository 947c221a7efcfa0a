export * from './document.ts';
export * from './writer.ts';
export * from './check.ts';
export * from './keys.ts';
export * from './verify.ts';
export * from './parse.ts';
