// The pages an emailed link opens (sign in by link, confirm an address) work alike: read the token from the link's
// fragment (and take it out of the address bar), say what the link is for without using it up, and spend it only when
// the person presses the button. Each page's elements are `{prefix}-status`, `-ready`, `-button` and `-error`.
import { readEmailLink } from '../_content/Passkeys.AspNetCore/passkeys.js';

/**
 * Runs such a page: `peek(token)` says what the link is for, `show(target)` puts that on the page, and
 * `act(link, page)` spends the link when the button is pressed (`busy` says so meanwhile); a failure is shown as
 * `messageFor(error)`, a missing token as `missing`, and focus goes to the way back (`back`).
 */
export function runEmailLinkPage({ prefix, back, missing, busy, peek, show, act, messageFor }) {
  const byId = (suffix) => document.getElementById(`${prefix}-${suffix}`);
  const page = { status: byId('status'), ready: byId('ready'), button: byId('button'), error: byId('error'), back: document.getElementById(back) };
  const fail = (message) => {
    page.status.textContent = '';
    page.ready.hidden = true;
    page.error.textContent = message;
    page.back.focus();
  };

  (async () => {
    const link = readEmailLink();
    if (!link) {
      fail(missing);
      return;
    }

    try {
      show(await peek(link.token));
    } catch (e) {
      fail(messageFor(e));
      return;
    }

    page.status.textContent = '';
    page.ready.hidden = false;
    page.button.disabled = false;
    page.button.focus();
    page.button.addEventListener('click', async () => {
      page.error.textContent = '';
      page.button.disabled = true;
      page.status.textContent = busy;
      try {
        await act(link, page);
      } catch (e) {
        fail(messageFor(e));
      }
    });
  })();
}
