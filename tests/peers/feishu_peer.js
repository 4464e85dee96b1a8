// The platform's side of gridbot's Feishu tests: the official @larksuiteoapi/node-sdk decrypts,
// verifies and dispatches events as Feishu's own SDK does, and encodes and decodes long-connection
// frames with the SDK's own pbbp2. Reads a JSON array of requests on stdin and writes a JSON array
// of answers, so one node process serves a whole test.
//   {"op":"decrypt","key","encrypt"}                              -> {"plaintext"}
//   {"op":"invoke","encryptKey","verificationToken","headers","body"} -> {"result"} (null: refused)
//   {"op":"challenge","encryptKey","body"}                        -> {"isChallenge","challenge"}
//   {"op":"encode_frame","frame":{SeqID,LogID,service,method,headers:[{key,value}],payload}} -> {"hex"}
//   {"op":"decode_frame","hex"}                                   -> the frame, payload as UTF-8
'use strict';
const lark = require('@larksuiteoapi/node-sdk');
const answerRequests = require('./answer_requests.js');
// The SDK registers its pbbp2 in protobufjs's default root when it loads.
const pbbp2 = require('protobufjs/minimal').roots.default.pbbp2;

const quiet = { error() {}, warn() {}, info() {}, debug() {}, trace() {} };

async function answer(r) {
  if (r.op === 'decrypt') return { plaintext: new lark.AESCipher(r.key).decrypt(r.encrypt) };
  if (r.op === 'invoke') {
    const dispatcher = new lark.EventDispatcher({
      encryptKey: r.encryptKey, verificationToken: r.verificationToken, logger: quiet,
    }).register({
      'im.message.receive_v1': (data) => ({
        event_id: data.event_id, message_id: data.message.message_id, content: data.message.content,
      }),
    });
    // The SDK's adapters put the request headers on the data object's prototype, where
    // JSON.stringify (which the SDK signs) does not see them.
    const data = Object.assign(Object.create({ headers: r.headers }), JSON.parse(r.body));
    const result = await dispatcher.invoke(data);
    return { result: result === undefined ? null : result };
  }
  if (r.op === 'challenge') return lark.generateChallenge(JSON.parse(r.body), { encryptKey: r.encryptKey });
  if (r.op === 'encode_frame') {
    const f = Object.assign({}, r.frame, { payload: Buffer.from(r.frame.payload || '', 'utf8') });
    if (!r.frame.payload) delete f.payload;
    return { hex: Buffer.from(pbbp2.Frame.encode(f).finish()).toString('hex') };
  }
  if (r.op === 'decode_frame') {
    const f = pbbp2.Frame.decode(Buffer.from(r.hex, 'hex'));
    return {
      SeqID: Number(f.SeqID), LogID: Number(f.LogID), service: f.service, method: f.method,
      headers: f.headers.map((h) => ({ key: h.key, value: h.value })),
      payload: Buffer.from(f.payload).toString('utf8'),
    };
  }
  throw new Error('unknown op ' + r.op);
}

answerRequests(answer);
