// The page an email verification link opens: shows which address and account it is for without using it up, and
// verifies only when the person presses the button. It needs no session: the link itself proves the mailbox.
import { peekEmailVerification, PasskeyError, verifyEmail } from '../_content/Passkeys.AspNetCore/passkeys.js';
import { runEmailLinkPage } from './email-link-page.js';
import { messageOf } from './site.js';

function messageFor(error) {
  if (error instanceof PasskeyError && error.code === 'token_invalid') {
    return 'This link is invalid, was already used, or has expired, or the account now asks for another address. Send a new one from your profile.';
  }
  if (error instanceof PasskeyError && error.code === 'email_exists') {
    return 'This address was confirmed for another account first, so it stays there. Your account keeps its current address.';
  }
  return messageOf(error);
}

runEmailLinkPage({
  prefix: 'email-verify',
  back: 'email-verify-profile',
  missing: 'This page needs the link from your email. Open the link again, or send a new one from your profile.',
  busy: 'Confirming your address…',
  peek: peekEmailVerification,
  show: (target) => {
    document.getElementById('email-verify-address').textContent = target.email;
    document.getElementById('email-verify-username').textContent = target.userName;
  },
  act: async (link, page) => {
    const result = await verifyEmail(link.token);
    page.status.textContent = '';
    page.ready.hidden = true;
    const done = document.getElementById('email-verify-done');
    done.textContent = `Your address ${result.email} is confirmed. Sign-in links and notices for your account go to it now.`;
    done.hidden = false;
    page.back.focus();
  },
  messageFor,
});
