// "Check your email": shows the address the login page asked for, which it left in this tab's session storage
// (never in the URL), then forgets it.
import './site.js';

const key = 'demo.emailLinkAddress';
const address = sessionStorage.getItem(key);
sessionStorage.removeItem(key);
if (address) {
  document.getElementById('email-sent-address').textContent = address;
  document.getElementById('email-sent-to').hidden = false;
}
