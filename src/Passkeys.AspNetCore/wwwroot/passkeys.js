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

// Counts the ceremonies this page began, so a list read before one (a passkey added since) is never signalled: the
// provider would remove the new passkey, which the list does not name.
let ceremoniesBegun = 0;

function beginCeremony(externalSignal) {
  ceremoniesBegun++;
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
async function confirmWithPasskey(hints) {
  requireSupport();
  const own = current ? null : beginCeremony();
  const signal = (own || current).signal;
  try {
    const optionsJson = await send('POST', '/reauthenticate/options', withHints({}, hints));
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
 * are allowed for a few minutes. The other functions do this by themselves when the server asks for it. `hints`
 * (optional) overrides the server's default hints.
 * @returns {Promise<boolean>} false when the ceremony was aborted.
 */
export async function reauthenticate({ hints } = {}) {
  return await confirmWithPasskey(hints);
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
    case 'credential_not_registered': return 'This passkey is no longer registered here. Choose another one or sign in by email.';
    case 'invalid_hint': return 'The page asked for passkey hints this site does not know.';
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
    if (hasSignal(name)) await PublicKeyCredential[name](argument);
  } catch {
    // The Signal API is a hint to the passkey provider; failing to send it changes nothing here.
  }
}

function hasSignal(name) {
  return typeof PublicKeyCredential !== 'undefined' && typeof PublicKeyCredential[name] === 'function';
}

// The account, read without asking for a step-up; null when it cannot be read.
async function accountQuietly() {
  try {
    return await send('GET', '/account');
  } catch {
    return null;
  }
}

/**
 * Tells the passkey provider which passkeys the signed-in user still has here (so it can hide removed ones) and the
 * user's current name and display name. Only from a complete list: `passkeys` is the whole answer of
 * `GET credentials`, read between two reads of the account that agree on the user (so a sign-in as someone else in
 * another tab meanwhile never pairs one user's handle with another's passkeys), with no ceremony begun on this page
 * since `begun` (the count when the list was asked for). Nothing is sent otherwise.
 */
async function signalPasskeys(before, passkeys, begun) {
  if (!before || !before.userHandle || !Array.isArray(passkeys)) return;
  const after = await accountQuietly();
  if (!after || after.userHandle !== before.userHandle || ceremoniesBegun !== begun) return;
  const rpId = after.rpId || settings.rpId || location.hostname;
  await signal('signalAllAcceptedCredentials', { rpId, userId: after.userHandle, allAcceptedCredentialIds: passkeys.map((p) => p.id) });
  await signalDetails(after);
}

function signalDetails(account) {
  const rpId = account.rpId || settings.rpId || location.hostname;
  return signal('signalCurrentUserDetails', { rpId, userId: account.userHandle, name: account.userName, displayName: account.displayName });
}

// Reads the account and the complete list of its passkeys, and signals both (where the browser has the Signal API).
async function signalAccepted() {
  if (!hasSignal('signalAllAcceptedCredentials') && !hasSignal('signalCurrentUserDetails')) return;
  try {
    const begun = ceremoniesBegun;
    const before = await accountQuietly();
    if (before) await signalPasskeys(before, await send('GET', '/credentials'), begun);
  } catch {
    // Best effort only: a failed list signals nothing.
  }
}

/**
 * Tells the passkey provider the signed-in user's current name and display name (`signalCurrentUserDetails`), where
 * the browser has the Signal API. Call it after your app renames the account; the functions here send it by
 * themselves after a sign-in and whenever they list the user's passkeys.
 */
export async function signalAccountDetails() {
  if (!hasSignal('signalCurrentUserDetails')) return;
  const account = await accountQuietly();
  if (account && account.userHandle) await signalDetails(account);
}

// ---- Ceremonies -----------------------------------------------------------------------------------

// The WebAuthn Level 3 hints a function passes on (`security-key`, `client-device`, `hybrid`, most preferred
// first): sent in the options request only when given, so the server's default applies otherwise. Browsers without
// hints ignore the member.
function withHints(body, hints) {
  return hints === undefined || hints === null ? body : { ...body, hints: Array.from(hints) };
}

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
 * Creates an account with a first passkey, signs the person in and remembers them. `hints` (optional) overrides the
 * server's default hints for this ceremony.
 * @returns {Promise<{verified: true, next: string} | null>} null when the ceremony was aborted.
 */
export async function register({ userName, displayName, email, returnUrl, hints, signal: abortSignal } = {}) {
  requireSupport();
  const controller = beginCeremony(abortSignal);
  try {
    return await create('/register/options', withHints({ userName, displayName: displayName || null, email: email || null }, hints),
      '/register', returnUrl ? { returnUrl } : null, controller);
  } finally {
    endCeremony(controller);
  }
}

// One sign-in ceremony: options, the browser's request, the verify call. `onOptions` sees the options before the
// browser is asked (autofill sets its re-arm timer there).
async function get({ userName, returnUrl, hints, mediation, onOptions }, controller) {
  const optionsJson = await call('POST', '/login/options', withHints(userName ? { userName } : {}, hints));
  if (onOptions) onOptions(optionsJson);
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
    await signalAccepted();
    return result;
  } catch (e) {
    // Only the server's definite answer (a discoverable sign-in whose credential id and user handle name no stored
    // passkey) may tell the provider to forget the passkey; unknown_credential may be another tab's ceremony or a
    // provider that sent no user handle, and says nothing of the kind.
    if (e instanceof PasskeyError && e.code === 'credential_not_registered' && !userName) {
      await signal('signalUnknownCredential', { rpId, credentialId: credential.id });
    }
    throw e;
  }
}

/**
 * Signs in with a passkey from a button: username-first when `userName` is given, discoverable otherwise.
 * Cancels a running autofill request first. `hints` (optional) overrides the server's default hints.
 * @returns {Promise<{verified: true, next: string} | null>} null when the ceremony was aborted.
 */
export async function login({ userName, returnUrl, hints, signal: abortSignal } = {}) {
  requireSupport();
  const controller = beginCeremony(abortSignal);
  try {
    return await get({ userName, returnUrl, hints }, controller);
  } finally {
    endCeremony(controller);
  }
}

// How long before its options expire an autofill request is replaced: a minute, or half the lifetime when shorter.
const rearmMargin = 60_000;

/**
 * Waits `lifetime` less the margin, then aborts `round` so autofill starts again with fresh options. While the tab is
 * hidden it makes no request (a tab left in the background for hours asks nothing of the server); it re-arms as soon
 * as the tab is shown again. Returns the function that cancels the wait.
 */
function rearmBeforeExpiry(lifetime, round) {
  const delay = Math.max(lifetime - rearmMargin, lifetime / 2);
  const expire = () => {
    if (document.visibilityState === 'hidden') {
      document.addEventListener('visibilitychange', expire, { once: true });
      return;
    }
    round.abort(new DOMException('The sign-in options are about to expire.', 'AbortError'));
  };
  const timer = setTimeout(expire, delay);
  return () => {
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', expire);
  };
}

// Autofill's loop: each round is one ceremony; a round ends early, and a new one begins, a little before its options
// expire or when the server answers that they had (challenge_not_found: the person picked a passkey after a sleep).
// The server takes the ceremony the browser's cookie names when it issues the next, so the browser holds one.
async function conditionalSignIn({ returnUrl, hints }, controller) {
  while (!controller.signal.aborted) {
    const round = new AbortController();
    const forward = () => round.abort(controller.signal.reason);
    controller.signal.addEventListener('abort', forward, { once: true });
    let cancelRearm = () => {};
    const onOptions = (optionsJson) => {
      // The browser's own timeout would end the request with NotAllowedError; expiry is handled here instead.
      const lifetime = Number(optionsJson.timeout) > 0 ? Number(optionsJson.timeout) : 300_000;
      delete optionsJson.timeout;
      cancelRearm = rearmBeforeExpiry(lifetime, round);
    };
    try {
      const result = await get({ returnUrl, hints, mediation: 'conditional', onOptions }, round);
      if (result || controller.signal.aborted) return result;
    } catch (e) {
      if (!(e instanceof PasskeyError && e.code === 'challenge_not_found') || controller.signal.aborted) throw e;
    } finally {
      cancelRearm();
      controller.signal.removeEventListener('abort', forward);
    }
  }
  return null;
}

/**
 * Offers passkeys in the autofill list of a username field (`<input autocomplete="username webauthn">`).
 * Resolves when the person picks one and is signed in; resolves null when it is aborted (a button press
 * starts another ceremony, or `signal` aborts); resolves null at once when the browser has no autofill.
 * The request is renewed a little before its options expire, so a page left open signs in whenever a passkey is
 * picked; `hints` (optional) overrides the server's default hints.
 * @returns {Promise<{verified: true, next: string} | null>}
 */
export async function autofill({ input, returnUrl, hints, signal: abortSignal } = {}) {
  if (!(await isAutofillSupported())) return null;
  const field = typeof input === 'string' ? document.querySelector(input) : input;
  if (field && !/\bwebauthn\b/.test(field.getAttribute('autocomplete') || '')) {
    console.warn('passkeys.js: add autocomplete="username webauthn" to the username field so passkeys appear in its autofill list.');
  }
  const controller = beginCeremony(abortSignal);
  try {
    return await conditionalSignIn({ returnUrl, hints }, controller);
  } finally {
    endCeremony(controller);
  }
}

/**
 * Adds a passkey on this device to the signed-in account. `hints` (optional) overrides the server's default hints.
 * @returns {Promise<{verified: true, credential: object} | null>} null when the ceremony was aborted.
 */
export async function addPasskey({ hints, signal: abortSignal } = {}) {
  requireSupport();
  const controller = beginCeremony(abortSignal);
  try {
    const result = await create('/credentials/options', withHints({}, hints), '/credentials', null, controller);
    if (result) await signalAccepted();
    return result;
  } finally {
    endCeremony(controller);
  }
}

/** Whether the browser can save a passkey without a prompt (conditional create, used by `offerUpgrade`). */
export async function isUpgradeSupported() {
  if (!isSupported() || typeof PublicKeyCredential.getClientCapabilities !== 'function') return false;
  try {
    return (await PublicKeyCredential.getClientCapabilities()).conditionalCreate === true;
  } catch {
    return false;
  }
}

/**
 * The automatic passkey upgrade, just after a sign-in with an emailed link: asks the browser's password manager to
 * save a passkey for the account without a prompt (`mediation: 'conditional'`). The browser decides: it may create
 * one and tell the person, decline, or wait while the page is open. Any other passkey request on the page (a button)
 * cancels it. A passkey the server then refuses is signalled as unknown, so the provider drops it.
 * @returns {Promise<{verified: true, credential: object} | null>} the passkey added, or null when the browser cannot
 * or did not, or the server does not offer it now. It never throws and never shows anything.
 */
export async function offerUpgrade({ signal: abortSignal } = {}) {
  if (!(await isUpgradeSupported())) return null;
  const controller = beginCeremony(abortSignal);
  let options = null;
  let credential = null;
  try {
    options = parseCreationOptions(await send('POST', '/credentials/upgrade/options', {}));
    credential = await navigator.credentials.create({ publicKey: options, mediation: 'conditional', signal: controller.signal });
    const result = await send('POST', '/credentials/upgrade', credentialToJSON(credential));
    await signalAccepted();
    return result;
  } catch (e) {
    // Refused by the server (not lost on the way back): nothing was stored, so the provider's copy is unknown here.
    if (credential && e instanceof PasskeyError && e.kind === 'server' && e.status >= 400 && e.status < 500) {
      await signal('signalUnknownCredential', { rpId: rpIdFrom(options), credentialId: credential.id });
    }
    return null;
  } finally {
    endCeremony(controller);
  }
}

/**
 * Lists the signed-in user's passkeys: `[{id, name, createdAt, lastUsedAt, transports, backupEligible, backedUp, aaguid, provider: {name, iconLight, iconDark}}]`.
 * Where the browser has the Signal API, the complete list then tells the passkey provider which passkeys still exist.
 */
export async function listPasskeys() {
  const signals = hasSignal('signalAllAcceptedCredentials') || hasSignal('signalCurrentUserDetails');
  const begun = ceremoniesBegun;
  const before = signals ? await accountQuietly() : null;
  const passkeys = await call('GET', '/credentials');
  if (before) await signalPasskeys(before, passkeys, begun).catch(() => {});
  return passkeys;
}

/** Renames one of the signed-in user's passkeys; an empty name clears it. */
export function renamePasskey(id, name) {
  return call('PATCH', '/credentials/' + encodeURIComponent(id), { name: name || null });
}

/** Deletes one of the signed-in user's passkeys (not the last one), then tells the passkey provider. */
export async function deletePasskey(id) {
  await call('DELETE', '/credentials/' + encodeURIComponent(id));
  await signalAccepted();
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
