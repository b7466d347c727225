export * from './openai';
export * from './mc';
export { SpecError } from './shared/spec-error';
export * from './sim';
