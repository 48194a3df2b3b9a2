// The demo study's id on its own, so the Arena can offer the demo first without loading the
// demo's content (seed-demo.ts is loaded only to install it).
export const DEMO_STUDY_ID = 'demo-study';
