// Register: creates the account and its first passkey in one step, then goes to the profile with a toast, which says
// that a link to verify the email address is on its way (the address gets sign-in links only once verified).
import { register, isSupported, PasskeyError } from '../_content/Passkeys.AspNetCore/passkeys.js';
import { messageOf, withToast } from './site.js';

const form = document.getElementById('register-form');
const submit = document.getElementById('register-submit');
const formError = document.getElementById('register-error');
const fields = {
  displayName: document.getElementById('register-display-name'),
  userName: document.getElementById('register-username'),
  email: document.getElementById('register-email'),
};
const errors = {
  displayName: document.getElementById('register-display-name-error'),
  userName: document.getElementById('register-username-error'),
  email: document.getElementById('register-email-error'),
};

// Which field a problem's code belongs to; other codes are shown under the form.
const fieldOfCode = {
  user_exists: 'userName',
  invalid_user_name: 'userName',
  email_exists: 'email',
  invalid_email: 'email',
  invalid_display_name: 'displayName',
};

function clearErrors() {
  formError.textContent = '';
  for (const name of Object.keys(fields)) {
    errors[name].textContent = '';
    fields[name].removeAttribute('aria-invalid');
  }
}

function fieldError(name, message) {
  errors[name].textContent = message;
  fields[name].setAttribute('aria-invalid', 'true');
}

function checkInput() {
  const userName = fields.userName.value.trim();
  const email = fields.email.value.trim();
  if (!userName) fieldError('userName', 'Choose a user name.');
  else if (userName.length < 3 || userName.length > 64) fieldError('userName', 'Choose a user name of 3 to 64 characters.');
  if (!email) fieldError('email', 'Enter your email address.');
  else if (!fields.email.checkValidity()) fieldError('email', 'That email address does not look right.');
  const invalid = Object.values(fields).find((f) => f.getAttribute('aria-invalid') === 'true');
  invalid?.focus();
  return !invalid;
}

if (isSupported()) {
  submit.disabled = false;
} else {
  formError.textContent = 'This browser does not support passkeys. Try a current version of Chrome, Edge, Firefox or Safari.';
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors();
  if (!checkInput()) return;

  submit.disabled = true;
  submit.setAttribute('aria-busy', 'true');
  try {
    const email = fields.email.value.trim();
    const result = await register({
      userName: fields.userName.value.trim(),
      displayName: fields.displayName.value.trim(),
      email,
      returnUrl: form.dataset.returnUrl,
    });
    if (result) {
      location.replace(withToast(result.next, email ? 'signed-up-verify' : 'signed-up'));
      return;
    }
  } catch (e) {
    const field = e instanceof PasskeyError ? fieldOfCode[e.code] : undefined;
    if (field) {
      fieldError(field, e.message);
      fields[field].focus();
    } else {
      formError.textContent = messageOf(e);
    }
  }

  submit.disabled = false;
  submit.removeAttribute('aria-busy');
});
