// The platform's side of gridbot's WeCom crypto test: WeCom's official @wecom/crypto package
// seals and opens messages as WeCom's servers do. Reads a JSON array of requests on stdin and
// writes a JSON array of answers, so one process serves a whole test.
//   {"op":"seal","key","token","receiveid","timestamp","nonce","message","random"?(hex, 16 bytes)}
//     -> {"encrypt","signature"}
//   {"op":"open","key","token","timestamp","nonce","encrypt","signature"}
//     -> {"signature_ok","message","receiveid"}   (@wecom/crypto checks neither; done here)
'use strict';
const wecom = require('@wecom/crypto');

function answer(r) {
  if (r.op === 'seal') {
    const random = r.random ? Buffer.from(r.random, 'hex') : undefined;
    const encrypt = wecom.encrypt(r.key, r.message, r.receiveid, random);
    return { encrypt, signature: wecom.getSignature(r.token, r.timestamp, r.nonce, encrypt) };
  }
  if (r.op === 'open') {
    const ours = wecom.getSignature(r.token, r.timestamp, r.nonce, r.encrypt);
    const { message, id } = wecom.decrypt(r.key, r.encrypt);
    return { signature_ok: ours === r.signature, message, receiveid: id };
  }
  throw new Error('unknown op ' + r.op);
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  process.stdout.write(JSON.stringify(JSON.parse(input).map(answer)));
});
