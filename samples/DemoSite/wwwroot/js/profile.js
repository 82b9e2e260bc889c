// Profile: "Set up this device" adds a passkey here after a sign-in that did not use one (an email link).
import { addPasskey, isSupported, PasskeyError } from '../_content/Passkeys.AspNetCore/passkeys.js';
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
