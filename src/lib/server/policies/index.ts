export * from './policy';
export * from './facts';
export * from './require';
