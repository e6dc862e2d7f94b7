// The example app lints itself with the plugin's recommended preset, as an app would after `npm i -D igniter-rt`.
import igniterRt from 'igniter-rt/eslint-plugin';

export default [igniterRt.configs.recommended];
