// Mogi's loader: the page's one inline script, in place of trunk's (xtask/src/loader.rs puts
// it in index.html with the build's file names for __MOGI_JS__ and __MOGI_WASM__).
//
// It starts the app's downloads (the wasm, its JavaScript glue and the question bank's index)
// only once the browser has painted the loading shell, so on a slow network the shell is not
// kept waiting behind them; then it starts the app the way trunk's loader does. On a hidden
// page, or a browser without paint timing, it starts at once; it never waits over a second.
const painted = new Promise((go) => {
  const types = (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes) || [];
  if (document.hidden || !types.includes('paint')) {
    go();
    return;
  }
  new PerformanceObserver((entries, observer) => {
    if (entries.getEntriesByName('first-contentful-paint').length > 0) {
      observer.disconnect();
      go();
    }
  }).observe({ type: 'paint', buffered: true });
  setTimeout(go, 1000);
});
await painted;
window.mogiBankIndex = fetch(document.querySelector('meta[name=mogi-bank]').content);
const wasmResponse = fetch('./__MOGI_WASM__');
const bindings = await import('./__MOGI_JS__');
const wasm = await bindings.default({ module_or_path: wasmResponse });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
