/**
 * Progress on stderr for long scans: only when stderr is a TTY, at most ten updates a second, erased when done.
 */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr) {
  const enabled = stream.isTTY === true;
  let last = 0;
  let shown = false;
  return {
    update(done: number, total: number): void {
      if (!enabled || total < 200) return;
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      shown = true;
      stream.write(`\r\x1b[2Kreadiness: analysing ${done}/${total} files`);
    },
    done(): void {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}
