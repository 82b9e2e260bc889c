// Profile: "Set up this device" adds a passkey here after a sign-in that did not use one (an email link), or the
// password manager saves one by itself (the automatic upgrade), "Email"
// gives the account an address to verify (or sends its link again), "Sign out other sessions" ends every session of the account but this one, and "Delete account" deletes the account
// once the person confirms in the page. All need a recent passkey (or, for "Set up this device", a sign-in by emailed link a
// moment ago): passkeys.js asks for one when the server says so.
import {
  addPasskey, changeEmail, deleteAccount, isSupported, logoutOtherSessions, offerUpgrade, PasskeyError, resendEmailVerification,
} from '../_content/Passkeys.AspNetCore/passkeys.js';
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

// Right after a sign-in by emailed link, the browser's password manager may save a passkey by itself (the automatic
// upgrade); the button above stays for browsers that do not, and pressing it cancels the offer.
if (card && isSupported()) {
  offerUpgrade().then((result) => {
    if (!result || !card.isConnected) return;
    count.textContent = String(Number(count.textContent) + 1);
    card.remove();
    toast('success', 'Your password manager saved a passkey for this device: next time, sign in with it.');
  });
}

// This session had been ended elsewhere already (or the account is gone): log in again. A stale passkey ceremony is
// not this: passkeys.js confirms it by itself.
function signedOutElsewhere(e) {
  if (!(e instanceof PasskeyError && e.code === 'not_authenticated')) return false;
  location.assign('/login?returnUrl=%2Fprofile');
  return true;
}

// "Email": a new address gets a verification link (changing it needs a recent passkey: passkeys.js asks for one); the
// verified address stays until the new one is verified. "Send again" resends the link, "Don't use this address" stops.
const emailForm = document.getElementById('email-form');
const emailInput = document.getElementById('email-new');
const emailError = document.getElementById('email-form-error');
const emailStatus = document.getElementById('email-status');
const pending = document.getElementById('email-pending');
const pendingAddress = document.getElementById('email-pending-address');
const resend = document.getElementById('email-resend');

function emailMessage(e) {
  if (e instanceof PasskeyError && e.code === 'email_rate_limited') {
    return 'Too many verification emails were asked for. Check your inbox (and spam folder), or try again in 15 minutes.';
  }
  return messageOf(e);
}

function showPending(address) {
  pendingAddress.textContent = address || '';
  pending.hidden = !address;
}

async function emailAction(button, action) {
  emailError.textContent = '';
  emailStatus.textContent = '';
  button.disabled = true;
  try {
    await action();
  } catch (e) {
    if (signedOutElsewhere(e)) return;
    emailError.textContent = emailMessage(e);
    if (e instanceof PasskeyError && e.code === 'email_rate_limited' && emailInput.value.trim()) {
      // The address is kept all the same: "Send again" sends its link later.
      showPending(emailInput.value.trim());
    }
  }
  button.disabled = false;
}

emailForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const address = emailInput.value.trim();
  if (!address || !emailInput.checkValidity()) {
    emailError.textContent = 'Enter an email address that looks like name@example.com.';
    emailInput.setAttribute('aria-invalid', 'true');
    emailInput.focus();
    return;
  }
  emailInput.removeAttribute('aria-invalid');
  emailAction(document.getElementById('email-change'), async () => {
    const state = await changeEmail(address);
    showPending(state.pendingEmail);
    emailInput.value = '';
    emailStatus.textContent = state.pendingEmail
      ? `We sent a link to ${state.pendingEmail}. Open it to verify the address${state.email ? `; until then ${state.email} stays` : ''}.`
      : `${state.email} is already your verified address.`;
  });
});

resend.addEventListener('click', () => emailAction(resend, async () => {
  const state = await resendEmailVerification();
  toast('success', `We sent the link again to ${state.pendingEmail}.`);
}));

document.getElementById('email-pending-cancel').addEventListener('click', (event) => emailAction(event.currentTarget, async () => {
  const state = await changeEmail(null);
  showPending(state.pendingEmail);
  emailStatus.textContent = state.email ? `Your address stays ${state.email}.` : 'Your account has no email address now.';
}));

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
