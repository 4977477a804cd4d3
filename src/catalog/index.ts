export { features } from './features/index.js';
export { frameworks } from './frameworks/index.js';
export { npmVersions, pypiVersions } from './versions.js';
export type * from './types.js';
