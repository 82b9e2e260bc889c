// Profile: "Set up this device" adds a passkey here after a sign-in that did not use one (an email link),
// "Sign out other sessions" ends every session of the account but this one, and "Delete account" deletes the account
// once the person confirms in the page. All need a recent passkey (or, for "Set up this device", a sign-in by emailed link a
// moment ago): passkeys.js asks for one when the server says so.
import { addPasskey, deleteAccount, isSupported, logoutOtherSessions, PasskeyError } from '../_content/Passkeys.AspNetCore/passkeys.js';
import { messageOf, toast } from './site.js';

const card = document.getElementById('setup-device');
const button = document.getElementById('setup-device-button');
const errorBox = document.getElementById('setup-device-error');
const count = document.getElementById('profile-passkey-count');

if (card && isSupported()) {
  button.disabled = false;
  button.addEventListener('click', async () => {
    errorBox.textContent = '';
    button.disabled = true;
    try {
      const result = await addPasskey();
      if (result) {
        count.textContent = String(Number(count.textContent) + 1);
        card.remove();
        toast('success', 'This device is set up: next time, sign in with its passkey.');
        return;
      }
    } catch (e) {
      errorBox.textContent = e instanceof PasskeyError && e.kind === 'invalid-state'
        ? 'This device already has a passkey for your account: you can sign in with it next time.'
        : messageOf(e);
    }
    button.disabled = false;
  });
} else if (card) {
  errorBox.textContent = 'This browser does not support passkeys, so this device cannot be set up.';
}

// This session had been ended elsewhere already (or the account is gone): log in again. A stale passkey ceremony is
// not this: passkeys.js confirms it by itself.
function signedOutElsewhere(e) {
  if (!(e instanceof PasskeyError && e.code === 'not_authenticated')) return false;
  location.assign('/login?returnUrl=%2Fprofile');
  return true;
}

const signOutOthers = document.getElementById('sign-out-others');
const signOutOthersError = document.getElementById('sign-out-others-error');
signOutOthers.addEventListener('click', async () => {
  signOutOthersError.textContent = '';
  signOutOthers.disabled = true;
  try {
    await logoutOtherSessions();
    toast('success', 'Signed out of every other session. This browser stays signed in.');
  } catch (e) {
    if (signedOutElsewhere(e)) return;
    signOutOthersError.textContent = messageOf(e);
  }
  signOutOthers.disabled = false;
});

// "Delete account" asks in the page first (what goes, that it cannot be undone, that the passkeys stay on the devices).
const deleteButton = document.getElementById('delete-account-button');
const deleteConfirmation = document.getElementById('delete-account-confirmation');
const deleteConfirm = document.getElementById('delete-account-confirm');
const deleteError = document.getElementById('delete-account-error');
const showDeleteButton = () => {
  deleteConfirmation.hidden = true;
  deleteButton.hidden = false;
  deleteButton.focus();
};
deleteButton.addEventListener('click', () => {
  const passkeys = Number(count.textContent);
  document.getElementById('delete-account-passkeys').textContent = passkeys === 1 ? 'its passkey' : `its ${passkeys} passkeys`;
  deleteError.textContent = '';
  deleteButton.hidden = true;
  deleteConfirmation.hidden = false;
  deleteConfirm.focus();
});
document.getElementById('delete-account-cancel').addEventListener('click', showDeleteButton);
deleteConfirmation.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') showDeleteButton();
});
deleteConfirm.addEventListener('click', async () => {
  deleteConfirm.disabled = true;
  try {
    await deleteAccount();
    location.assign('/?toast=account-deleted');
    return;
  } catch (e) {
    if (signedOutElsewhere(e)) return;
    deleteError.textContent = messageOf(e);
  }
  deleteConfirm.disabled = false;
});
