import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('./runDevMongo.ts', import.meta.url));

export interface DevMongoProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Ends the process with SIGKILL: no shutdown code runs, exactly like a crash. */
  kill9(): Promise<void>;
}

/**
 * Runs the store in a child process so a test can crash it for real, or see
 * it stop answering without stopping the test runner with it. Without a data
 * directory it keeps everything in memory.
 */
export function spawnDevMongo(dataDir?: string): Promise<DevMongoProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...(dataDir ? [dataDir] : [])], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.once('exit', (code) => reject(new Error(`devmongo process exited early with ${code}: ${output}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /^ready (mongodb:\/\/\S+)$/m.exec(output)?.[1];
      if (!url) return;
      child.removeAllListeners('exit');
      resolve({
        url,
        child,
        kill9: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.kill('SIGKILL');
          }),
      });
    });
  });
}
