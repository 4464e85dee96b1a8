// 登录: a console user's id and password. A wrong pair and an unknown user get the same sentence;
// after repeated failures the service answers 429 with Retry-After, said here in seconds.
import { api, ApiError, explain } from '../api.js';
import { clear, field, h, messageLine } from '../dom.js';
import { S } from '../strings.js';

export function loginPage(root, onSignedIn) {
  const user = h('input', { name: 'user', autocomplete: 'username', required: true });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const message = messageLine();
  const button = h('button', { type: 'submit' }, S.login.submit);

  async function submit(event) {
    event.preventDefault();
    message.clear();
    if (!user.value.trim() || !password.value) return message.error(S.login.missing);
    button.disabled = true;
    try {
      const viewer = await api('POST', '/api/v1/session', { user: user.value.trim(), password: password.value });
      onSignedIn(viewer);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) message.error(S.login.wrong);
      else if (error instanceof ApiError && error.status === 429) message.error(S.login.throttled(error.retryAfter));
      else message.error(explain(error));
    } finally {
      button.disabled = false;
    }
  }

  clear(root, h('main', { class: 'login' },
    h('form', { 'aria-labelledby': 'login-title', onsubmit: submit, novalidate: true },
      h('h1', { id: 'login-title' }, S.login.title),
      field(S.login.user, user),
      field(S.login.password, password),
      button,
      message.nodes)));
  user.focus();
}
