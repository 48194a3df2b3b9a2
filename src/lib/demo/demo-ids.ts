// The demo's ids on their own, so the Arena can offer the demo first without loading the demo's
// content: seed-demo.ts is loaded only on a browser's first visit, to install it.
export const DEMO_STUDY_ID = 'demo-study';
/** The setting that records the demo was installed (and not to reinstall it once deleted). */
export const DEMO_INSTALLED_KEY = 'demo:installed';
