export * from './types';
export * from './rng';
