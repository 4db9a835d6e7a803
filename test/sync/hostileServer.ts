// A local HTTP server that misbehaves on purpose (trickled bodies, huge bodies, echoed keys, HTML pages), for
// the engine's HTTP tests. 127.0.0.1 only; every connection is ended by close().
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface HostileServer {
  url: string;
  /** Requests received, in order (method and URL as sent, key included: never printed). */
  requests: { method: string; url: string }[];
  /** TCP connections accepted, whether or not a request followed. */
  connections: number;
  close(): Promise<void>;
}

export async function hostileServer(handle: (request: IncomingMessage, response: ServerResponse) => void): Promise<HostileServer> {
  const requests: HostileServer['requests'] = [];
  const sockets = new Set<Socket>();
  const self: HostileServer = {
    url: '',
    requests,
    connections: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const server = createServer((request, response) => {
    requests.push({ method: request.method ?? '', url: request.url ?? '' });
    request.resume();
    request.on('end', () => handle(request, response));
  });
  server.on('connection', (socket) => {
    self.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  self.url = `http://127.0.0.1:${port}`;
  return self;
}

/** Sends the headers and a first byte, then one more byte every `everyMs` until the client goes away. */
export function trickle(response: ServerResponse, everyMs = 50): void {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.write('[');
  const timer = setInterval(() => response.write(' '), everyMs);
  response.on('close', () => clearInterval(timer));
}
