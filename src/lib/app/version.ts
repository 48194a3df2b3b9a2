declare const __APP_VERSION__: string;

/** The app version written into every judgment and file (from package.json at build time). */
export const APP_VERSION: string =
	typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0-dev';
