export * from './common';
export * from './endpoint';
export * from './prompt-item';
export * from './prompt-set';
export * from './study';
export * from './response';
export * from './trial';
export * from './judgment';
