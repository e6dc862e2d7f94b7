// Runs a Node.js script in a fresh child process (no shell) and collects its output.

import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { basename } from 'node:path';

export class ChildProcessError extends Error {
  constructor(message, { exitCode, stderr }) {
    super(message);
    this.exitCode = exitCode;
    this.stderr = stderr;
  }
}

/**
 * Spawns `process.execPath script ...args` and resolves when it exits with a code in `exitCodes`
 * (default: only 0; a linter that found errors exits 1, which a benchmark of it must accept).
 * With `json: true` (the default) the last non-empty stdout line is parsed as the result.
 * `wallMs` is measured by the parent, from spawn to exit (it includes Node's own start-up).
 * `onStderrLine` sees each stderr line as it comes (progress of a long child).
 */
export function runNodeScript(script, args = [], { cwd, env, json = true, execArgv = [], exitCodes = [0], onStderrLine } = {}) {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...execArgv, script, ...args], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: false,
    });
    const stdout = [];
    const stderr = [];
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    let pending = '';
    child.stderr.on('data', (chunk) => {
      stderr.push(chunk);
      if (!onStderrLine) return;
      const lines = (pending + chunk.toString('utf8')).split('\n');
      pending = lines.pop();
      for (const line of lines) onStderrLine(line);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const wallMs = performance.now() - started;
      const out = Buffer.concat(stdout).toString('utf8');
      const err = Buffer.concat(stderr).toString('utf8');
      if (!exitCodes.includes(code)) {
        const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        const detail = err.trim() || out.trim() || '(no output)';
        reject(new ChildProcessError(`${basename(script)} ${how}: ${detail}`, { exitCode: code, stderr: err }));
        return;
      }
      if (!json) {
        resolvePromise({ stdout: out, stderr: err, wallMs, exitCode: code });
        return;
      }
      const lastLine = out.trim().split('\n').pop() ?? '';
      try {
        resolvePromise({ result: JSON.parse(lastLine), stdout: out, stderr: err, wallMs });
      } catch {
        reject(new ChildProcessError(`${basename(script)} printed no JSON result line: ${out.trim() || err.trim()}`, { exitCode: code, stderr: err }));
      }
    });
  });
}
