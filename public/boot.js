// Loads the page's WebAssembly. Kept in a file (not inline) so the Content-Security-Policy
// can forbid inline scripts.
import init from './raqim-app.js';

init({ module_or_path: './raqim-app_bg.wasm' }).catch((error) => {
  const box = document.createElement('p');
  box.className = 'boot-error';
  box.textContent = 'Raqim could not start in this browser: ' + error;
  document.body.append(box);
});
