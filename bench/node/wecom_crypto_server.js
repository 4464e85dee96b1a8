// The comparison server of bench/wecom_intake_bench: what a Node service on WeCom's official
// @wecom/crypto does for an AI-bot callback before any work of its own. Per POST: check the
// msg_signature (getSignature, compared in constant time), decrypt (which also checks the
// padding), check the receiveid ("" for an AI bot), JSON.parse the message, answer an empty 200.
// No storage, no dedupe, no timestamp window: a ceiling for "verify + decrypt + parse" only.
//
//   WECOM_TOKEN=… WECOM_AES_KEY=… node bench/node/wecom_crypto_server.js [PORT]
// PORT 0 (the default) takes a free one; the first line on stdout is "listening PORT".
// @wecom/crypto comes from tests/peers/node_modules (`./run test` or `npm ci` there installs it).
'use strict';
const crypto = require('crypto');
const http = require('http');
const path = require('path');
const wecom = require(path.join(__dirname, '..', '..', 'tests', 'peers', 'node_modules', '@wecom', 'crypto'));

const token = process.env.WECOM_TOKEN;
const aesKey = process.env.WECOM_AES_KEY;
const receiveid = process.env.WECOM_RECEIVEID || '';
if (!token || !aesKey || aesKey.length !== 43) {
  process.stderr.write('wecom_crypto_server: set WECOM_TOKEN and WECOM_AES_KEY (43 characters)\n');
  process.exit(2);
}

function refuse(res, status, reason) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(reason);
}

function handle(req, res, body) {
  const url = new URL(req.url, 'http://127.0.0.1');
  const q = url.searchParams;
  let encrypt;
  try {
    const parsed = JSON.parse(body);
    encrypt = parsed.encrypt || parsed.Encrypt;
  } catch (e) {
    return refuse(res, 400, 'body is not JSON');
  }
  if (typeof encrypt !== 'string') return refuse(res, 400, 'no encrypt field');
  const ours = Buffer.from(wecom.getSignature(token, q.get('timestamp') || '', q.get('nonce') || '', encrypt));
  const theirs = Buffer.from(q.get('msg_signature') || '');
  if (ours.length !== theirs.length || !crypto.timingSafeEqual(ours, theirs)) return refuse(res, 401, 'bad signature');
  let opened;
  try {
    opened = wecom.decrypt(aesKey, encrypt);
  } catch (e) {
    return refuse(res, 400, 'cannot decrypt');
  }
  if (opened.id !== receiveid) return refuse(res, 400, 'wrong receiveid');
  try {
    const message = JSON.parse(opened.message);
    if (typeof message.msgid !== 'string') return refuse(res, 400, 'no msgid');
  } catch (e) {
    return refuse(res, 400, 'message is not JSON');
  }
  res.writeHead(200, { 'Content-Length': '0' });
  res.end();
}

const server = http.createServer((req, res) => {
  if (req.method !== 'POST') return refuse(res, 405, 'POST only');
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
});
server.keepAliveTimeout = 60000;
server.listen(Number(process.argv[2] || 0), '127.0.0.1', () => {
  process.stdout.write('listening ' + server.address().port + '\n');
});
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeIdleConnections?.();
  setTimeout(() => process.exit(0), 1000).unref();  // keep-alive sockets still open: do not wait on them
});
