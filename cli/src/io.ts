// Where CLI output goes: injectable so tests can run commands in-process.
export interface Io {
  out(line: string): void;
  err(line: string): void;
}

/**
 * Writes to a stream until its reader goes away (`assistant-config list | head`): then the rest is dropped and
 * the command carries on to its end (a push is not cut off between its requests) instead of dying of EPIPE.
 */
function lineWriter(stream: NodeJS.WriteStream): (line: string) => void {
  let readerGone = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    readerGone = true;
  });
  return (line) => {
    if (!readerGone) stream.write(line + '\n');
  };
}

export const processIo: Io = {
  out: lineWriter(process.stdout),
  err: lineWriter(process.stderr),
};
