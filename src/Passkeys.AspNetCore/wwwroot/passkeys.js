// Passkeys for .NET: the browser module for the endpoints MapPasskeys() maps.
// Served at /_content/Passkeys.AspNetCore/passkeys.js. No dependencies, no build step.
//
//   import { register, login, autofill } from '/_content/Passkeys.AspNetCore/passkeys.js';
//   const result = await login({ userName });      // null when the person cancelled quietly
//   if (result) location.replace(sameOrigin(result.next));

const settings = { prefix: '/passkeys', rpId: null };

/** Changes where the endpoints live (default `/passkeys`) and, optionally, the relying party id used for the Signal API. */
export function configure({ prefix, rpId } = {}) {
  if (prefix) settings.prefix = prefix.replace(/\/+$/, '');
  if (rpId) settings.rpId = rpId;
}

/**
 * The error every function throws. `kind` is one of: `not-allowed` (cancelled or timed out),
 * `invalid-state` (this device already has a passkey for the account), `unsupported`, `security`,
 * `server` (see `code` and `status`), `network`.
 */
export class PasskeyError extends Error {
  constructor(kind, message, { code = null, status = 0, problem = null, cause } = {}) {
    super(message, { cause });
    this.name = 'PasskeyError';
    this.kind = kind;
    this.code = code;
    this.status = status;
    this.problem = problem;
  }
}

// One AbortController per ceremony: starting a ceremony (a button press) cancels the one in progress
// (autofill), so the two never fight over the browser's single WebAuthn request.
let current = null;

function beginCeremony(externalSignal) {
  if (current) current.abort(new DOMException('Another passkey request started.', 'AbortError'));
  const controller = new AbortController();
  current = controller;
  if (externalSignal) {
    if (externalSignal.aborted) controller.abort(externalSignal.reason);
    else externalSignal.addEventListener('abort', () => controller.abort(externalSignal.reason), { once: true });
  }
  return controller;
}

function endCeremony(controller) {
  if (current === controller) current = null;
}

/**
 * The absolute URL of `next` (the server's answer) on this site, or of the site's root when `next` would lead
 * elsewhere. Navigate to this, never to a path taken apart and joined again: the browser reads a path anew, and
 * one that resolves to `//host` is another site.
 */
export function sameOrigin(next) {
  let url;
  try {
    url = new URL(next || '/', location.origin);
  } catch {
    url = null;
  }
  return url && url.origin === location.origin ? url : new URL('/', location.origin);
}

/** Whether this browser can use passkeys at all. */
export function isSupported() {
  return typeof window !== 'undefined' && 'PublicKeyCredential' in window && !!navigator.credentials;
}

/** Whether this browser offers passkeys in the autofill list of a username field. */
export async function isAutofillSupported() {
  return isSupported() && typeof PublicKeyCredential.isConditionalMediationAvailable === 'function'
    && await PublicKeyCredential.isConditionalMediationAvailable();
}

// ---- HTTP -------------------------------------------------------------------------------------------

// A sensitive change (deleting a passkey or the account, signing out other sessions, adding a passkey, the app's own
// endpoints with RequireRecentPasskey) answered 401 reauthentication_required is confirmed with a passkey and sent once
// more.
async function call(method, path, body, query) {
  try {
    return await send(method, path, body, query);
  } catch (e) {
    if (!(e instanceof PasskeyError) || e.code !== 'reauthentication_required') throw e;
    if (!(await confirmWithPasskey())) throw e;
    return await send(method, path, body, query);
  }
}

async function send(method, path, body, query) {
  const url = settings.prefix + path + (query ? '?' + new URLSearchParams(query) : '');
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }

  let response;
  try {
    response = await fetch(url, init);
  } catch (e) {
    throw new PasskeyError('network', 'The server could not be reached. Check your connection and try again.', { cause: e });
  }

  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    const code = data && typeof data.code === 'string' ? data.code : null;
    throw new PasskeyError('server', friendlyServerMessage(code, response.status, data), { code, status: response.status, problem: data });
  }
  return data;
}

// The step-up ceremony: the signed-in user's own passkeys only. Runs inside a ceremony in progress (adding a passkey)
// without aborting it, or as a ceremony of its own. Resolves false when it was aborted.
async function confirmWithPasskey() {
  requireSupport();
  const own = current ? null : beginCeremony();
  const signal = (own || current).signal;
  try {
    const optionsJson = await send('POST', '/reauthenticate/options', {});
    let credential;
    try {
      credential = await navigator.credentials.get({ publicKey: parseRequestOptions(optionsJson), signal });
    } catch (e) {
      return browserError(e, false) !== null;
    }
    await send('POST', '/reauthenticate', credentialToJSON(credential));
    return true;
  } finally {
    if (own) endCeremony(own);
  }
}

/**
 * Asks the signed-in user to confirm it is them with one of their passkeys ("step-up"), so that sensitive changes
 * are allowed for a few minutes. The other functions do this by themselves when the server asks for it.
 * @returns {Promise<boolean>} false when the ceremony was aborted.
 */
export async function reauthenticate() {
  return await confirmWithPasskey();
}

function friendlyServerMessage(code, status, problem) {
  switch (code) {
    case 'user_exists': return 'That user name is already in use.';
    case 'email_exists': return 'That email address is already in use.';
    case 'invalid_user_name': return 'Choose a user name of 3 to 64 letters, digits or . _ - @ +.';
    case 'invalid_email': return 'That email address does not look right.';
    case 'invalid_display_name': return 'That name is too long.';
    case 'challenge_not_found': return 'The request expired. Please try again.';
    case 'unknown_credential': return 'This passkey is not registered here. Choose another one or sign in by email.';
    case 'duplicate_credential': return 'This passkey is already registered.';
    case 'last_credential': return 'This is your only passkey. Add another one before removing it.';
    case 'rate_limited': return 'Too many attempts. Please wait a minute and try again.';
    case 'too_many_ceremonies': return 'The site is busy right now. Please try again in a minute.';
    case 'email_rate_limited': return 'Too many sign-in links were asked for. Check your inbox, or try again in 15 minutes.';
    case 'token_invalid': return 'This sign-in link has expired or was already used. Ask for a new one.';
    case 'token_wrong_browser': return 'Open this sign-in link in the browser you asked for it from, or ask for a new one here.';
    case 'not_authenticated': return 'Please sign in first.';
    case 'reauthentication_required': return 'Confirm it is you with a passkey, then try again.';
    case 'no_pending_email': return 'There is no address waiting for verification.';
    case 'no_passkeys': return 'Your account has no passkey to confirm with. Sign in by email on this device and add one.';
    default:
      if (status === 401) return 'Signing in with this passkey did not work.';
      return (problem && problem.title) || 'Something went wrong. Please try again.';
  }
}

// ---- base64url and JSON conversion ------------------------------------------------------------------

function toBase64Url(buffer) {
  const bytes = new Uint8Array(buffer instanceof ArrayBuffer ? buffer : buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

const descriptors = (list) => (list || []).map((d) => ({ ...d, id: fromBase64Url(d.id) }));

function parseCreationOptions(json) {
  if (typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function') {
    return PublicKeyCredential.parseCreationOptionsFromJSON(json);
  }
  return {
    ...json,
    challenge: fromBase64Url(json.challenge),
    user: { ...json.user, id: fromBase64Url(json.user.id) },
    excludeCredentials: descriptors(json.excludeCredentials),
  };
}

function parseRequestOptions(json) {
  if (typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function') {
    return PublicKeyCredential.parseRequestOptionsFromJSON(json);
  }
  return { ...json, challenge: fromBase64Url(json.challenge), allowCredentials: descriptors(json.allowCredentials) };
}

// Some password managers replace the credential object and break toJSON(): fall back to converting by hand.
function credentialToJSON(credential) {
  if (typeof credential.toJSON === 'function') {
    try {
      return credential.toJSON();
    } catch {
      // Converted by hand below.
    }
  }

  const r = credential.response;
  const json = {
    id: credential.id,
    rawId: toBase64Url(credential.rawId),
    type: credential.type,
    authenticatorAttachment: credential.authenticatorAttachment ?? null,
    clientExtensionResults: credential.getClientExtensionResults ? credential.getClientExtensionResults() : {},
    response: { clientDataJSON: toBase64Url(r.clientDataJSON) },
  };
  if (r.attestationObject) {
    json.response.attestationObject = toBase64Url(r.attestationObject);
    json.response.transports = typeof r.getTransports === 'function' ? r.getTransports() : [];
    if (typeof r.getAuthenticatorData === 'function') json.response.authenticatorData = toBase64Url(r.getAuthenticatorData());
    if (typeof r.getPublicKeyAlgorithm === 'function') json.response.publicKeyAlgorithm = r.getPublicKeyAlgorithm();
    const publicKey = typeof r.getPublicKey === 'function' ? r.getPublicKey() : null;
    if (publicKey) json.response.publicKey = toBase64Url(publicKey);
  } else {
    json.response.authenticatorData = toBase64Url(r.authenticatorData);
    json.response.signature = toBase64Url(r.signature);
    json.response.userHandle = r.userHandle ? toBase64Url(r.userHandle) : null;
  }
  return json;
}

// ---- WebAuthn errors -----------------------------------------------------------------------------

// Returns null for an AbortError (the ceremony was cancelled on purpose: stay silent); throws a PasskeyError otherwise.
function browserError(e, creating) {
  if (e instanceof PasskeyError) throw e;
  switch (e && e.name) {
    case 'AbortError':
      return null;
    case 'NotAllowedError':
      throw new PasskeyError('not-allowed', 'The passkey request was cancelled or timed out. Please try again.', { cause: e });
    case 'InvalidStateError':
      throw new PasskeyError('invalid-state', creating
        ? 'This device already has a passkey for your account.'
        : 'The passkey could not be used. Please try again.', { cause: e });
    case 'SecurityError':
      throw new PasskeyError('security', 'Passkeys cannot be used on this address.', { cause: e });
    case 'NotSupportedError':
      throw new PasskeyError('unsupported', 'This device does not support a suitable passkey.', { cause: e });
    default:
      throw new PasskeyError('unsupported', 'Passkeys did not work in this browser.', { cause: e });
  }
}

function requireSupport() {
  if (!isSupported()) throw new PasskeyError('unsupported', 'This browser does not support passkeys.');
}

// ---- Signal API (where the browser has it) -------------------------------------------------------

function rpIdFrom(options) {
  return settings.rpId || options?.rpId || options?.rp?.id || location.hostname;
}

async function signal(name, argument) {
  try {
    if (typeof PublicKeyCredential !== 'undefined' && typeof PublicKeyCredential[name] === 'function') {
      await PublicKeyCredential[name](argument);
    }
  } catch {
    // The Signal API is a hint to the passkey provider; failing to send it changes nothing here.
  }
}

/** Tells the passkey provider which of the signed-in user's passkeys still exist here, so it can hide removed ones. */
async function signalAccepted(rpId) {
  try {
    const [account, passkeys] = await Promise.all([call('GET', '/account'), call('GET', '/credentials')]);
    if (!account || !account.userHandle) return;
    const id = account.rpId || rpId;
    await signal('signalAllAcceptedCredentials', { rpId: id, userId: account.userHandle, allAcceptedCredentialIds: passkeys.map((p) => p.id) });
    await signal('signalCurrentUserDetails', { rpId: id, userId: account.userHandle, name: account.userName, displayName: account.displayName });
  } catch {
    // Best effort only.
  }
}

// ---- Ceremonies -----------------------------------------------------------------------------------

async function create(optionsPath, optionsBody, verifyPath, query, controller) {
  const optionsJson = await call('POST', optionsPath, optionsBody);
  let credential;
  try {
    credential = await navigator.credentials.create({ publicKey: parseCreationOptions(optionsJson), signal: controller.signal });
  } catch (e) {
    return browserError(e, true);
  }
  return call('POST', verifyPath, credentialToJSON(credential), query);
}

/**
 * Creates an account with a first passkey, signs the person in and remembers them.
 * @returns {Promise<{verified: true, next: string} | null>} null when the ceremony was aborted.
 */
export async function register({ userName, displayName, email, returnUrl, signal: abortSignal } = {}) {
  requireSupport();
  const controller = beginCeremony(abortSignal);
  try {
    return await create('/register/options', { userName, displayName: displayName || null, email: email || null },
      '/register', returnUrl ? { returnUrl } : null, controller);
  } finally {
    endCeremony(controller);
  }
}

async function get(userName, returnUrl, mediation, controller) {
  const optionsJson = await call('POST', '/login/options', userName ? { userName } : {});
  let credential;
  try {
    const request = { publicKey: parseRequestOptions(optionsJson), signal: controller.signal };
    if (mediation) request.mediation = mediation;
    credential = await navigator.credentials.get(request);
  } catch (e) {
    return browserError(e, false);
  }

  const rpId = rpIdFrom(optionsJson);
  try {
    const result = await call('POST', '/login', credentialToJSON(credential), returnUrl ? { returnUrl } : null);
    await signalAccepted(rpId);
    return result;
  } catch (e) {
    // Only a discoverable sign-in may conclude that the provider holds a passkey this site no longer knows.
    if (e instanceof PasskeyError && e.code === 'unknown_credential' && !userName) {
      await signal('signalUnknownCredential', { rpId, credentialId: credential.id });
    }
    throw e;
  }
}

/**
 * Signs in with a passkey from a button: username-first when `userName` is given, discoverable otherwise.
 * Cancels a running autofill request first.
 * @returns {Promise<{verified: true, next: string} | null>} null when the ceremony was aborted.
 */
export async function login({ userName, returnUrl, signal: abortSignal } = {}) {
  requireSupport();
  const controller = beginCeremony(abortSignal);
  try {
    return await get(userName, returnUrl, null, controller);
  } finally {
    endCeremony(controller);
  }
}

/**
 * Offers passkeys in the autofill list of a username field (`<input autocomplete="username webauthn">`).
 * Resolves when the person picks one and is signed in; resolves null when it is aborted (a button press
 * starts another ceremony, or `signal` aborts); resolves null at once when the browser has no autofill.
 * @returns {Promise<{verified: true, next: string} | null>}
 */
export async function autofill({ input, returnUrl, signal: abortSignal } = {}) {
  if (!(await isAutofillSupported())) return null;
  const field = typeof input === 'string' ? document.querySelector(input) : input;
  if (field && !/\bwebauthn\b/.test(field.getAttribute('autocomplete') || '')) {
    console.warn('passkeys.js: add autocomplete="username webauthn" to the username field so passkeys appear in its autofill list.');
  }
  const controller = beginCeremony(abortSignal);
  try {
    return await get(null, returnUrl, 'conditional', controller);
  } finally {
    endCeremony(controller);
  }
}

/**
 * Adds a passkey on this device to the signed-in account.
 * @returns {Promise<{verified: true, credential: object} | null>} null when the ceremony was aborted.
 */
export async function addPasskey({ signal: abortSignal } = {}) {
  requireSupport();
  const controller = beginCeremony(abortSignal);
  try {
    const result = await create('/credentials/options', {}, '/credentials', null, controller);
    if (result) await signalAccepted(null);
    return result;
  } finally {
    endCeremony(controller);
  }
}

/** Lists the signed-in user's passkeys: `[{id, name, createdAt, lastUsedAt, transports, backupEligible, backedUp, aaguid, authenticator}]`. */
export function listPasskeys() {
  return call('GET', '/credentials');
}

/** Renames one of the signed-in user's passkeys; an empty name clears it. */
export function renamePasskey(id, name) {
  return call('PATCH', '/credentials/' + encodeURIComponent(id), { name: name || null });
}

/** Deletes one of the signed-in user's passkeys (not the last one), then tells the passkey provider. */
export async function deletePasskey(id) {
  await call('DELETE', '/credentials/' + encodeURIComponent(id));
  await signalAccepted(null);
}

/**
 * Deletes the signed-in user's account and all its passkeys, and signs out every session of it, this one too. Needs
 * a recent passkey: the user is asked to confirm with one when the server says so. Then tells the passkey provider,
 * where the browser supports it, that the site accepts none of the account's passkeys any more (the passkeys
 * themselves stay on the user's devices until removed there).
 */
export async function deleteAccount() {
  const account = await call('GET', '/account');
  await call('DELETE', '/account');
  if (account && account.userHandle) {
    const rpId = account.rpId || settings.rpId;
    await signal('signalAllAcceptedCredentials', { rpId, userId: account.userHandle, allAcceptedCredentialIds: [] });
  }
}

/** Gets the signed-in user's account, or null when nobody is signed in. */
export async function getAccount() {
  try {
    return await call('GET', '/account');
  } catch (e) {
    if (e instanceof PasskeyError && e.status === 401) return null;
    throw e;
  }
}

/** Gets the user this browser remembers (`{userName, displayName}`), or null. */
export function getRemembered() {
  return call('GET', '/remembered');
}

/** Forgets the remembered user ("switch user"). */
export async function forgetRemembered() {
  await call('DELETE', '/remembered');
}

/** Signs out; the browser still remembers the user. */
export async function logout() {
  await call('POST', '/logout', {});
}

/** Signs the user out of every other browser and device; this one stays signed in. */
export async function logoutOtherSessions() {
  await call('POST', '/logout-others', {});
}

/**
 * Asks for a sign-in link by email: `requestEmailLink('ada@example.com')`, or
 * `requestEmailLink({ userName, returnUrl })` for the remembered user. The answer is the same whether or not the
 * address has an account; the link works only in this browser, once, for 10 minutes.
 */
export async function requestEmailLink(emailOrOptions) {
  const { email, userName, returnUrl } = typeof emailOrOptions === 'string' ? { email: emailOrOptions } : (emailOrOptions || {});
  await call('POST', '/email-login', email ? { email } : { userName }, returnUrl ? { returnUrl } : undefined);
}

/**
 * Reads the sign-in link the confirm page was opened with (`#token=…&returnUrl=…`, or the query), and takes the token
 * out of the address bar and history. Returns `{ token, returnUrl }`, or null when the page has no token.
 */
export function readEmailLink() {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, ''));
  const fromQuery = new URLSearchParams(location.search);
  const params = fromHash.has('token') ? fromHash : fromQuery;
  const token = params.get('token');
  if (!token) return null;
  const returnUrl = params.get('returnUrl');
  fromQuery.delete('token');
  fromQuery.delete('returnUrl');
  const here = new URL(location.href);
  here.search = fromQuery.toString();
  here.hash = '';
  history.replaceState(history.state, '', here.href);
  return { token, returnUrl };
}

/** Says whom a sign-in link is for, without using it up: `{ userName, displayName }`. */
export async function peekEmailLink(token) {
  return await call('POST', '/email-login/peek', { token });
}

/** Uses a sign-in link: signs in and returns `{ verified: true, next }` (the "set up this device" page by default). */
export async function confirmEmailLink(token, { returnUrl } = {}) {
  return await call('POST', '/email-login/confirm', { token }, returnUrl ? { returnUrl } : undefined);
}

/**
 * Gives the signed-in account a new email address to verify (asks to confirm with a passkey when the server says
 * so): a link goes to it, and the current address stays until the new one is verified. `null`, or the current
 * address, stops a change. Returns `{ email, pendingEmail }`.
 */
export async function changeEmail(email) {
  return await call('POST', '/email', { email: email || null });
}

/** Sends the verification link again to the address the signed-in account waits to verify: `{ email, pendingEmail }`. */
export async function resendEmailVerification() {
  return await call('POST', '/email/verify/resend', {});
}

/** Says which address and account a verification link is for, without using it up: `{ email, userName }`. */
export async function peekEmailVerification(token) {
  return await call('POST', '/email/verify/peek', { token });
}

/** Uses a verification link: the address becomes the account's email. Returns `{ email, pendingEmail }`. */
export async function verifyEmail(token) {
  return await call('POST', '/email/verify', { token });
}
