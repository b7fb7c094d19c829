/** globalTeardown of the e2e project: stops what global-setup.ts started. */
export { teardown as default } from './global-setup';
