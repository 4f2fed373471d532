// electron-builder's beforeBuild hook. Answering false tells it that node_modules are handled
// elsewhere: it installs, rebuilds and packs none. Every runtime dependency is already bundled (by
// Vite into dist/, by esbuild into dist-electron/; scripts/build-electron.mjs fails if a bundle
// requires anything but electron and Node built-ins), so the asar holds only package.json, dist/ and
// dist-electron/ (e2e/packaging.spec.ts packs it and lists it).
module.exports = async function beforeBuild() {
  return false;
};
