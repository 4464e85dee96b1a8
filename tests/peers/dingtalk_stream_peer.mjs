// The platform's side of gridbot's DingTalk Stream test: the official dingtalk-stream package
// writes the connections/open request and answers frames as DingTalk's own SDK does. Its socket
// and HTTP client are stubbed: nothing leaves the process. Reads a JSON array of requests on stdin
// and writes a JSON array of answers.
//   {"op":"open","clientId","clientSecret","ua","endpoint","ticket"} -> {"body","url"}
//   {"op":"downstream","frame","response"?}  -> {"sent":[…]} what the SDK wrote back to the socket;
//                                               a robot callback is answered with socketCallBackResponse(response)
'use strict';
import axios from 'axios';
import { DWClient, TOPIC_ROBOT } from 'dingtalk-stream';
import answerRequests from './answer_requests.js';

function client(request, answer) {
  const c = new DWClient({ clientId: request.clientId || 'id', clientSecret: request.clientSecret || 'secret',
                           ua: request.ua || '' });
  c.registerCallbackListener(TOPIC_ROBOT, (message) => {
    c.socketCallBackResponse(message.headers.messageId, request.response === undefined ? null : request.response);
  });
  c.socket = { send: (text) => answer.sent.push(text) };
  return c;
}

async function answer(r) {
  if (r.op === 'open') {
    let body;
    // The request stops at axios's adapter, which answers as DingTalk would.
    axios.defaults.adapter = async (config) => {
      body = config.data;
      return { data: { endpoint: r.endpoint, ticket: r.ticket }, status: 200, statusText: 'OK', headers: {}, config };
    };
    const c = client(r, { sent: [] });
    await c.getEndpoint();
    return { body, url: c.dw_url };
  }
  if (r.op === 'downstream') {
    const out = { sent: [] };
    client(r, out).onDownStream(r.frame);
    return out;
  }
  throw new Error('unknown op ' + r.op);
}

answerRequests(answer);
