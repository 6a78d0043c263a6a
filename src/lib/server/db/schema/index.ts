export * from './auth';
export * from './workspaces';
export * from './sync';
export * from './sessions';
export * from './customers';
export * from './identities';
export * from './voice';
export * from './mail';
