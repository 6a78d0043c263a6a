// The Yjs document of a journey map, for client and server: its layout, reads and commands.
export * from './layout';
export * from './reads';
export * from './commands';
