// The ceiling: a bare node:http server answering every request with fixed bytes from memory.
import http from 'node:http';
import fs from 'node:fs';

const [port, file] = process.argv.slice(2);
const body = fs.readFileSync(file);
http
  .createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
    res.end(body);
  })
  .listen(Number(port), '127.0.0.1', () => process.send?.('ready'));
