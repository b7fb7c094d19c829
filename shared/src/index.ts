export * from './enums.js';
export * from './errors.js';
export * from './helpers.js';
export * from './common.js';
export * from './auth.js';
export * from './org.js';
export * from './member.js';
export * from './points.js';
