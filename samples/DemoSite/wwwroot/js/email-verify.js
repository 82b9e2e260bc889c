// The page an email verification link opens: reads the token from the link's fragment (and takes it out of the
// address bar), shows which address and account it is for without using it up, and verifies only when the person
// presses the button. It needs no session: the link itself proves the mailbox.
import { peekEmailVerification, PasskeyError, readEmailLink, verifyEmail } from '../_content/Passkeys.AspNetCore/passkeys.js';
import { messageOf } from './site.js';

const byId = (id) => document.getElementById(id);
const statusBox = byId('email-verify-status');
const ready = byId('email-verify-ready');
const button = byId('email-verify-button');
const done = byId('email-verify-done');
const errorBox = byId('email-verify-error');
const profile = byId('email-verify-profile');

function messageFor(error) {
  if (error instanceof PasskeyError && error.code === 'token_invalid') {
    return 'This link is invalid, was already used, or has expired, or the account now asks for another address. Send a new one from your profile.';
  }
  if (error instanceof PasskeyError && error.code === 'email_exists') {
    return 'This address was confirmed for another account first, so it stays there. Your account keeps its current address.';
  }
  return messageOf(error);
}

function fail(message) {
  statusBox.textContent = '';
  ready.hidden = true;
  errorBox.textContent = message;
  profile.focus();
}

async function start() {
  const link = readEmailLink();
  if (!link) {
    fail('This page needs the link from your email. Open the link again, or send a new one from your profile.');
    return;
  }

  let target;
  try {
    target = await peekEmailVerification(link.token);
  } catch (e) {
    fail(messageFor(e));
    return;
  }

  byId('email-verify-address').textContent = target.email;
  byId('email-verify-username').textContent = target.userName;
  statusBox.textContent = '';
  ready.hidden = false;
  button.disabled = false;
  button.focus();
  button.addEventListener('click', async () => {
    errorBox.textContent = '';
    button.disabled = true;
    statusBox.textContent = 'Confirming your address…';
    try {
      const result = await verifyEmail(link.token);
      statusBox.textContent = '';
      ready.hidden = true;
      done.textContent = `Your address ${result.email} is confirmed. Sign-in links and notices for your account go to it now.`;
      done.hidden = false;
      profile.focus();
    } catch (e) {
      fail(messageFor(e));
    }
  });
}

start();
