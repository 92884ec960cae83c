// Loads the page's WebAssembly. Kept in a file (not inline) so the Content-Security-Policy
// can forbid inline scripts.
import init from './raqim-app.js';

init({ module_or_path: './raqim-app_bg.wasm' }).catch((error) => {
  const box = document.createElement('p');
  box.className = 'boot-error';
  box.dataset.testid = 'boot-error';
  // The page is built with WebAssembly SIMD (.cargo/config.toml): an older browser fails to
  // compile it, and should say which browsers can.
  const needs = error instanceof WebAssembly.CompileError
    ? ' Raqim needs WebAssembly SIMD: Chrome or Edge 91, Firefox 89, Safari 16.4 or newer.'
    : '';
  box.textContent = 'Raqim could not start in this browser: ' + error + '.' + needs;
  document.body.append(box);
});
