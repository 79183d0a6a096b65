// Loads the Bluelamp WebAssembly module. Kept in its own file because the
// Content-Security-Policy forbids inline scripts.
import init from '/bluelamp_frontend.js';

init({ module_or_path: '/bluelamp_frontend_bg.wasm' }).catch((error) => {
  console.error('Bluelamp failed to start', error);
  const p = document.createElement('p');
  p.className = 'boot-message boot-message--error';
  p.setAttribute('role', 'alert');
  p.textContent = 'Bluelamp could not start. Reload the page; if it happens again, contact your service desk.';
  document.body.appendChild(p);
});
