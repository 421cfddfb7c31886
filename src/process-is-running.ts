/**
 * Whether a process with this id runs on this machine: leftovers named
 * after a process (output folders, browser profiles) are only removed once
 * it is gone.
 */
export function processIsRunning(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists, under another user
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
