// The example app lints itself with the plugin's strict preset (recommended plus require-stream-auth, and
// no-unscoped-revalidate's requireScopeWhenAuthenticated), as an app would after `npm i -D igniter-rt`.
import igniterRt from 'igniter-rt/eslint-plugin';

export default [igniterRt.configs.strict];
