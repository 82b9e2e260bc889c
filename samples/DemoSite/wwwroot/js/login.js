// Log in: greets a remembered user, or offers the user name field (with passkey autofill from the start),
// a button that works with or without a name, and a sign-in link by email (by address, or by name for the
// remembered user), after which it goes to "Check your email". Failures are shown in the page.
import {
  autofill, forgetRemembered, getRemembered, isSupported, login, PasskeyError, requestEmailLink,
} from '../_content/Passkeys.AspNetCore/passkeys.js';
import { messageOf, withToast } from './site.js';

const byId = (id) => document.getElementById(id);
const root = byId('login');
const returnUrl = root.dataset.returnUrl || undefined;
const remembered = byId('login-remembered');
const chooser = byId('login-chooser');
const username = byId('login-username');
const emailForm = byId('login-email');
const emailAddress = byId('login-email-address');
const errorBox = byId('login-error');
const statusBox = byId('login-status');
const showEmail = byId('login-show-email');
const sentAddressKey = 'demo.emailLinkAddress';

let rememberedUser = null;
let autofillRunning = false;

function clearMessages() {
  errorBox.textContent = '';
  statusBox.textContent = '';
}

function fail(error) {
  statusBox.textContent = '';
  if (error instanceof PasskeyError && error.kind === 'not-allowed') {
    errorBox.textContent = 'Sign-in was cancelled or timed out. Try again, or email yourself a link.';
  } else {
    errorBox.textContent = messageOf(error);
  }
}

function signedIn(result) {
  statusBox.textContent = 'Signed in. Taking you on…';
  location.replace(withToast(result.next, 'signed-in'));
}

// Passkeys offered in the user name field's autofill list; a button press aborts it (passkeys.js does).
async function startAutofill() {
  if (autofillRunning || chooser.hidden || !isSupported()) return;
  autofillRunning = true;
  try {
    const result = await autofill({ input: username, returnUrl });
    if (result) signedIn(result);
  } catch (e) {
    fail(e);
  } finally {
    autofillRunning = false;
  }
}

async function signInWithPasskey(button, userName) {
  clearMessages();
  button.disabled = true;
  statusBox.textContent = 'Follow your browser’s prompt to use your passkey…';
  try {
    const result = await login({ userName: userName || undefined, returnUrl });
    if (result) {
      signedIn(result);
      return;
    }
    statusBox.textContent = '';
  } catch (e) {
    fail(e);
  } finally {
    button.disabled = false;
  }
  startAutofill();
}

function showChooser() {
  remembered.hidden = true;
  chooser.hidden = false;
  startAutofill();
}

function showRemembered(user) {
  byId('login-remembered-name').textContent = user.displayName || user.userName;
  chooser.hidden = true;
  remembered.hidden = false;
}

function toggleEmail(show) {
  emailForm.hidden = !show;
  showEmail.setAttribute('aria-expanded', String(show));
  if (show) {
    if (!emailAddress.value && username.value.includes('@')) emailAddress.value = username.value.trim();
    emailAddress.focus();
  }
}

// The same answer whether or not the account exists, so the same page follows either way. The address goes to the
// next page through this tab's session storage, never the URL (which request logs and history keep).
async function sendEmailLink(button, request, address) {
  clearMessages();
  button.disabled = true;
  statusBox.textContent = 'Asking for a sign-in link…';
  try {
    await requestEmailLink({ ...request, returnUrl });
    if (address) sessionStorage.setItem(sentAddressKey, address);
    else sessionStorage.removeItem(sentAddressKey);
    location.assign(root.dataset.emailSentUrl);
  } catch (e) {
    fail(e);
    button.disabled = false;
  }
}

byId('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  signInWithPasskey(byId('login-passkey'), username.value.trim());
});

byId('login-remembered-passkey').addEventListener('click', (event) => {
  signInWithPasskey(event.currentTarget, rememberedUser?.userName);
});

byId('login-switch-user').addEventListener('click', async () => {
  clearMessages();
  try {
    await forgetRemembered();
  } catch {
    // Forgetting is a convenience; the user name field works either way.
  }
  rememberedUser = null;
  toggleEmail(false);
  showChooser();
  username.focus();
});

showEmail.addEventListener('click', () => toggleEmail(emailForm.hidden));

byId('login-remembered-email').addEventListener('click', (event) => {
  if (rememberedUser) sendEmailLink(event.currentTarget, { userName: rememberedUser.userName });
});

emailForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearMessages();
  const email = emailAddress.value.trim();
  if (!email || !emailAddress.checkValidity()) {
    errorBox.textContent = 'Enter the email address of your account.';
    emailAddress.setAttribute('aria-invalid', 'true');
    emailAddress.focus();
    return;
  }

  emailAddress.removeAttribute('aria-invalid');
  await sendEmailLink(byId('login-email-send'), { email }, email);
});

username.addEventListener('focus', () => startAutofill());

async function start() {
  if (!isSupported()) {
    errorBox.textContent = 'This browser does not support passkeys. You can still sign in with a link by email.';
    showChooser();
    return;
  }

  byId('login-passkey').disabled = false;
  byId('login-remembered-passkey').disabled = false;
  if (root.dataset.maybeRemembered === 'true') {
    try {
      rememberedUser = await getRemembered();
    } catch {
      rememberedUser = null;
    }
  }

  if (rememberedUser) showRemembered(rememberedUser);
  else showChooser();
}

start();
