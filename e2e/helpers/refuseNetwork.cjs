// Preloaded (`node -r`) into tools that would reach the network on their own: electronegativity
// fetches translations and Electron's release list with `got`. Here `got` answers every request
// with an immediate error, so nothing leaves the machine (the tool then uses its bundled texts).
const Module = require('node:module');

const load = Module._load;
Module._load = function loadWithoutNetwork(request, parent, isMain) {
  if (request === 'got') {
    const refuse = () => Promise.reject(new Error('network refused in tests'));
    return Object.assign(refuse, { get: refuse, head: refuse });
  }
  return load.call(this, request, parent, isMain);
};
