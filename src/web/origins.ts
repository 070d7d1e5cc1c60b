const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * The origins a page or a sign-in may come from: the server's own, and on this computer its
 * other names (a server at http://127.0.0.1:3000 is also opened as http://localhost:3000).
 */
export function sameServer(address: string): string[] {
  const url = new URL(address);
  if (!LOOPBACK.includes(url.hostname)) return [url.origin];
  return LOOPBACK.map((host) => {
    const alias = new URL(url.origin);
    alias.hostname = host;
    return alias.origin;
  });
}
