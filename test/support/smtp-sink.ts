/**
 * A local SMTP server that accepts every message and keeps it (just enough of RFC 5321 for a
 * client: greeting, EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT).
 */
import net from 'node:net';

export type SunkMessage = { from: string; to: string[]; data: string };

export const startSmtpSink = async () => {
  const messages: SunkMessage[] = [];
  const server = net.createServer((socket) => {
    let buffer = '';
    let inData = false;
    let current: SunkMessage = { from: '', to: [], data: '' };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 sink ESMTP');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end === -1) return;
          current.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          messages.push(current);
          current = { from: '', to: [], data: '' };
          reply('250 OK queued');
          continue;
        }
        const end = buffer.indexOf('\r\n');
        if (end === -1) return;
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const command = line.slice(0, 4).toUpperCase();
        if (command === 'EHLO') reply('250 sink');
        else if (command === 'HELO') reply('250 sink');
        else if (command === 'MAIL') {
          current.from = line;
          reply('250 OK');
        } else if (command === 'RCPT') {
          current.to.push(line);
          reply('250 OK');
        } else if (command === 'DATA') {
          inData = true;
          reply('354 End data with <CR><LF>.<CR><LF>');
        } else if (command === 'QUIT') {
          reply('221 Bye');
          socket.end();
          return;
        } else reply('250 OK');
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    messages,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
};
