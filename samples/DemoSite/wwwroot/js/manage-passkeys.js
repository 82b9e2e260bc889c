// Passkeys: lists the signed-in user's passkeys and adds, renames and deletes them through passkeys.js.
import {
  addPasskey, deletePasskey, isSupported, listPasskeys, PasskeyError, renamePasskey,
} from '../_content/Passkeys.AspNetCore/passkeys.js';
import { messageOf, toast } from './site.js';

const list = document.getElementById('passkey-list');
const template = document.getElementById('passkey-item-template');
const statusBox = document.getElementById('passkeys-status');
const errorBox = document.getElementById('passkeys-error');
const addButton = document.getElementById('passkey-add');
const dates = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function time(iso) {
  const element = document.createElement('time');
  element.dateTime = iso;
  element.textContent = dates.format(new Date(iso));
  return element;
}

function signInAgain() {
  location.replace('/login?returnUrl=' + encodeURIComponent(location.pathname));
}

function failed(error) {
  // passkeys.js confirms with a passkey by itself when a change needs it (reauthentication_required); only a session
  // that ended sends the person to sign in again.
  if (error instanceof PasskeyError && error.code === 'not_authenticated') {
    signInAgain();
    return;
  }
  toast('error', messageOf(error));
}

async function refresh(focusId) {
  let passkeys;
  try {
    passkeys = await listPasskeys();
  } catch (e) {
    if (e instanceof PasskeyError && e.status === 401) signInAgain();
    else errorBox.textContent = messageOf(e);
    return;
  }

  errorBox.textContent = '';
  list.replaceChildren(...passkeys.map(item));
  statusBox.textContent = passkeys.length === 1 ? 'You have 1 passkey.' : `You have ${passkeys.length} passkeys.`;
  if (focusId) list.querySelector(`[data-passkey-id="${CSS.escape(focusId)}"] [data-testid="passkey-rename"]`)?.focus();
}

// The server only sends icons that are image data URIs or https URLs; an icon that fails to load shows the plain key.
function showIcon(part, provider) {
  const light = provider.iconLight || provider.iconDark;
  if (!light) return;
  const picture = part('passkey-icon');
  const fallback = part('passkey-icon-fallback');
  const image = part('passkey-icon-light');
  const dark = part('passkey-icon-dark');
  if (provider.iconDark) dark.srcset = provider.iconDark;
  else dark.remove();
  // The fallback is an <svg>, which has no hidden property: the attribute is toggled.
  const show = (loaded) => {
    picture.hidden = !loaded;
    fallback.toggleAttribute('hidden', loaded);
  };
  image.addEventListener('error', () => show(false));
  image.src = light;
  show(true);
}

function item(passkey, index) {
  const node = template.content.firstElementChild.cloneNode(true);
  const part = (testId) => node.querySelector(`[data-testid="${testId}"]`);
  node.dataset.passkeyId = passkey.id;

  // The provider is named from the passkey's AAGUID ("Passkey" when unknown); names are text, never markup.
  const provider = passkey.provider || { name: 'Passkey' };
  const title = passkey.name || provider.name;
  part('passkey-name').textContent = title;
  part('passkey-authenticator').textContent = provider.name;
  showIcon(part, provider);
  const sync = part('passkey-sync');
  sync.textContent = passkey.backedUp ? 'Synced' : 'Device-bound';
  sync.dataset.sync = passkey.backedUp ? 'synced' : 'device-bound';
  sync.classList.add(passkey.backedUp ? 'badge-synced' : 'badge-device');
  sync.title = passkey.backedUp
    ? 'Backed up by its provider and available on your other devices.'
    : 'Lives on this one device or security key only.';
  part('passkey-created').append(time(passkey.createdAt));
  if (passkey.lastUsedAt) part('passkey-last-used').append(time(passkey.lastUsedAt));
  else part('passkey-last-used').textContent = 'Not yet';

  const renameButton = part('passkey-rename');
  const deleteButton = part('passkey-delete');
  const actions = part('passkey-actions');
  const renameForm = part('passkey-rename-form');
  const renameInput = part('passkey-rename-input');
  const confirmation = part('passkey-delete-confirmation');
  renameButton.setAttribute('aria-label', `Rename ${title}`);
  deleteButton.setAttribute('aria-label', `Delete ${title}`);
  renameInput.id = `passkey-rename-input-${index}`;
  part('passkey-rename-label').htmlFor = renameInput.id;
  confirmation.setAttribute('aria-label', `Delete ${title}?`);

  const showActions = (focus) => {
    renameForm.hidden = true;
    confirmation.hidden = true;
    actions.hidden = false;
    focus?.focus();
  };

  renameButton.addEventListener('click', () => {
    actions.hidden = true;
    renameForm.hidden = false;
    renameInput.value = passkey.name || '';
    renameInput.focus();
    renameInput.select();
  });
  part('passkey-rename-cancel').addEventListener('click', () => showActions(renameButton));
  renameForm.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') showActions(renameButton);
  });
  renameForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const save = part('passkey-rename-save');
    save.disabled = true;
    try {
      await renamePasskey(passkey.id, renameInput.value.trim());
      toast('success', 'Passkey renamed.');
      await refresh(passkey.id);
    } catch (e) {
      failed(e);
      save.disabled = false;
      renameInput.focus();
    }
  });

  deleteButton.addEventListener('click', () => {
    actions.hidden = true;
    confirmation.hidden = false;
    part('passkey-delete-confirm').focus();
  });
  part('passkey-delete-cancel').addEventListener('click', () => showActions(deleteButton));
  confirmation.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') showActions(deleteButton);
  });
  part('passkey-delete-confirm').addEventListener('click', async () => {
    try {
      await deletePasskey(passkey.id);
      toast('success', 'Passkey deleted.');
      await refresh();
      addButton.focus();
    } catch (e) {
      if (e instanceof PasskeyError && e.code === 'last_credential') {
        // The server keeps the last passkey, so the account can still be reached.
        toast('warning', e.message);
        showActions(deleteButton);
      } else {
        failed(e);
      }
    }
  });

  return node;
}

if (isSupported()) {
  addButton.disabled = false;
} else {
  errorBox.textContent = 'This browser does not support passkeys, so none can be added here.';
}

addButton.addEventListener('click', async () => {
  addButton.disabled = true;
  try {
    const result = await addPasskey();
    if (result) {
      toast('success', 'Passkey added.');
      await refresh(result.credential.id);
    }
  } catch (e) {
    if (e instanceof PasskeyError && e.kind === 'invalid-state') toast('warning', e.message);
    else failed(e);
  } finally {
    addButton.disabled = false;
  }
});

refresh();
