/**
 * Child processes of the harness (redis-server, app servers): started with a line to wait for, stopped
 * by their own pid, and killed when the test process exits for any reason (a failed test, a crash),
 * so no server outlives the run.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface StartedChild {
  child: ChildProcess;
  /** Everything the child wrote so far (stdout and stderr), for error messages. */
  output(): string;
  /** Sends SIGTERM (SIGKILL after `graceMs`) and resolves once the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Spawns `command args` and resolves once a line of its output matches `ready`. Rejects with the
 * child's output when it exits first or `timeoutMs` passes (then the child is killed).
 */
export function startChild(command: string, args: string[], options: SpawnOptions & { ready: RegExp; timeoutMs: number; name: string }): Promise<StartedChild> {
  const { ready, timeoutMs, name, ...spawnOptions } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...spawnOptions, stdio: ['ignore', 'pipe', 'pipe'], shell: false });
    running.add(child);
    let output = '';
    let settled = false;
    const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
    const started: StartedChild = {
      child,
      output: () => output,
      async stop(graceMs = 3000) {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
          await exited;
          clearTimeout(timer);
        }
        running.delete(child);
      },
    };
    const fail = (reason: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      running.delete(child);
      reject(new Error(`${name} ${reason}. Its output:\n${output.trim() || '(none)'}`));
    };
    const timer = setTimeout(() => fail(`was not ready within ${timeoutMs} ms`), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (!settled && ready.test(output)) {
        settled = true;
        clearTimeout(timer);
        resolve(started);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (error) => fail(`could not start (${error.message})`));
    child.once('exit', (code, signal) => {
      running.delete(child);
      fail(`exited (${signal ?? `code ${code}`}) before it was ready`);
    });
  });
}
