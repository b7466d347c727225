/**
 * Ports are checked before anything starts: a second `npm start` (or any other server) on the same
 * port would otherwise answer our readiness probe and make a broken start look ready.
 */
import { createServer } from 'node:net';

export async function portIsFree(port: number, host = '0.0.0.0'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** Throws naming the variable of the first port in use. */
export async function assertPortsFree(ports: Array<{ name: string; port: number }>): Promise<void> {
  for (const { name, port } of ports) {
    if (!(await portIsFree(port))) throw new Error(`${name} ${port} is already in use (another npm start running? stop it, or set ${name})`);
  }
}
