// Shared by every page: points passkeys.js at this site's endpoints, and shows toasts that close on click and fade out.
import { configure, PasskeyError, sameOrigin } from '../_content/Passkeys.AspNetCore/passkeys.js';

configure({ prefix: document.body.dataset.passkeysPrefix });

const region = document.getElementById('toasts');
const lifetime = { success: 6000, warning: 9000, error: 12000 };

function dismiss(element) {
  if (element.classList.contains('toast-leaving')) return;
  element.classList.add('toast-leaving');
  element.addEventListener('animationend', () => element.remove(), { once: true });
  // With reduced motion there is no animation to end.
  setTimeout(() => element.remove(), 600);
}

function arm(element) {
  const kind = element.dataset.kind || 'success';
  let timer = null;
  const start = () => { timer = setTimeout(() => dismiss(element), lifetime[kind] ?? 6000); };
  const pause = () => clearTimeout(timer);
  element.addEventListener('click', () => dismiss(element));
  element.addEventListener('mouseenter', pause);
  element.addEventListener('mouseleave', start);
  element.addEventListener('focusin', pause);
  element.addEventListener('focusout', start);
  start();
}

/** Shows a toast: kind is `success`, `warning` or `error`. */
export function toast(kind, message) {
  const element = document.createElement('div');
  element.className = `toast toast-${kind}`;
  element.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  element.dataset.testid = 'toast';
  element.dataset.kind = kind;
  const text = document.createElement('span');
  text.className = 'toast-text';
  text.textContent = message;
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'toast-close';
  close.setAttribute('aria-label', 'Close');
  close.textContent = '×';
  element.append(text, close);
  region.append(element);
  arm(element);
  return element;
}

/**
 * The URL to go to after a ceremony: the server's `next` (its normal form of the return URL), carrying a toast key
 * for the next page. Always an absolute URL of this site: a path alone is read again by the browser, and one that
 * resolves to `//host` (from `/.//host`) would be another site.
 */
export function withToast(next, key) {
  const url = sameOrigin(next);
  // Appended to the query as it is: URLSearchParams would spell the return URL's own parameters anew.
  const kept = withoutToast(url.search);
  url.search = (kept ? kept + '&' : '?') + 'toast=' + encodeURIComponent(key);
  return url.href;
}

/** The query without its `toast` parameters, the others as they were written. */
function withoutToast(search) {
  const kept = search.replace(/^\?/, '').split('&').filter(part => part && !/^toast(=|$)/.test(part));
  return kept.length ? '?' + kept.join('&') : '';
}

/** A sentence for a person: the module's friendly message, or a generic one for a bug. */
export function messageOf(error) {
  if (error instanceof PasskeyError) return error.message;
  console.error(error);
  return 'Something went wrong. Please try again.';
}

// Toasts the server rendered (after a redirect) close like the others.
region.querySelectorAll('.toast').forEach(arm);

// Drop the ?toast= flag, so a reload or a bookmark does not show it again.
const here = new URL(location.href);
if (here.searchParams.has('toast')) {
  here.search = withoutToast(here.search);
  history.replaceState(history.state, '', here.href);
}
