declare const __APP_VERSION__: string;
declare const __BUILD_ID__: string;

/** The app version written into every judgment and file (from package.json at build time). */
export const APP_VERSION: string =
	typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0-dev';

/** Which build this is: the app version, or TRAIT_ARENA_BUILD given at build time (a deploy id). */
export const BUILD_ID: string = typeof __BUILD_ID__ === 'string' ? __BUILD_ID__ : APP_VERSION;
