// The page a sign-in link opens: reads the token from the link's fragment (and takes it out of the address bar),
// shows whom it is for without using it up, and spends it only when the person presses the button.
import { confirmEmailLink, PasskeyError, peekEmailLink, readEmailLink } from '../_content/Passkeys.AspNetCore/passkeys.js';
import { messageOf, withToast } from './site.js';

const byId = (id) => document.getElementById(id);
const statusBox = byId('email-confirm-status');
const ready = byId('email-confirm-ready');
const button = byId('email-confirm-button');
const errorBox = byId('email-confirm-error');

function messageFor(error) {
  if (error instanceof PasskeyError && error.code === 'token_invalid') {
    return 'This sign-in link is invalid, was already used, or has expired. Ask for a new one.';
  }
  if (error instanceof PasskeyError && error.code === 'token_wrong_browser') {
    return 'This link works only in the browser where you asked for it. Open it there, or ask for a new link in this one.';
  }
  return messageOf(error);
}

function fail(message) {
  statusBox.textContent = '';
  ready.hidden = true;
  errorBox.textContent = message;
  byId('email-confirm-login').focus();
}

/** "Ada Lovelace (ada)", or the user name alone when the account has no other name. */
function nameOf(user) {
  return user.displayName && user.displayName !== user.userName ? `${user.displayName} (${user.userName})` : user.userName;
}

async function start() {
  const link = readEmailLink();
  if (!link) {
    fail('This page needs the link from your email. Open the link again, or ask for a new one.');
    return;
  }

  let user;
  try {
    user = await peekEmailLink(link.token);
  } catch (e) {
    fail(messageFor(e));
    return;
  }

  byId('email-confirm-name').textContent = nameOf(user);
  statusBox.textContent = '';
  ready.hidden = false;
  button.disabled = false;
  button.focus();
  button.addEventListener('click', async () => {
    errorBox.textContent = '';
    button.disabled = true;
    statusBox.textContent = 'Signing you in…';
    try {
      const result = await confirmEmailLink(link.token, { returnUrl: link.returnUrl || undefined });
      location.replace(withToast(result.next, 'signed-in'));
    } catch (e) {
      fail(messageFor(e));
    }
  });
}

start();
