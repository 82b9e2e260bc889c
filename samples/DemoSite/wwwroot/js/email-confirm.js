// The page a sign-in link opens: shows whom it is for without using it up, and spends it only when the person
// presses the button.
import { confirmEmailLink, PasskeyError, peekEmailLink } from '../_content/Passkeys.AspNetCore/passkeys.js';
import { runEmailLinkPage } from './email-link-page.js';
import { messageOf, withToast } from './site.js';

function messageFor(error) {
  if (error instanceof PasskeyError && error.code === 'token_invalid') {
    return 'This sign-in link is invalid, was already used, or has expired. Ask for a new one.';
  }
  if (error instanceof PasskeyError && error.code === 'token_wrong_browser') {
    return 'This link works only in the browser where you asked for it. Open it there, or ask for a new link in this one.';
  }
  return messageOf(error);
}

/** "Ada Lovelace (ada)", or the user name alone when the account has no other name. */
function nameOf(user) {
  return user.displayName && user.displayName !== user.userName ? `${user.displayName} (${user.userName})` : user.userName;
}

runEmailLinkPage({
  prefix: 'email-confirm',
  back: 'email-confirm-login',
  missing: 'This page needs the link from your email. Open the link again, or ask for a new one.',
  busy: 'Signing you in…',
  peek: peekEmailLink,
  show: (user) => { document.getElementById('email-confirm-name').textContent = nameOf(user); },
  act: async (link) => {
    const result = await confirmEmailLink(link.token, { returnUrl: link.returnUrl || undefined });
    location.replace(withToast(result.next, 'signed-in'));
  },
  messageFor,
});
