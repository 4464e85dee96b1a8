// The loop every peer shares: a JSON array of requests on stdin, each answered in turn by
// `answer` (which may be async), the JSON array of answers on stdout.
'use strict';
module.exports = function answerRequests(answer) {
  let input = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => { input += chunk; });
  process.stdin.on('end', async () => {
    const answers = [];
    for (const r of JSON.parse(input)) answers.push(await answer(r));
    process.stdout.write(JSON.stringify(answers));
  });
};
