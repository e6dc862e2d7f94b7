/** The project's igniter-rt config file, read by `check` (rules, settings, ignores) and `generate` (layout). */
export const CONFIG_FILE = 'igniter-rt.config.json';
