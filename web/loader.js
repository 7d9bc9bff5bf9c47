// Mogi's loader: the page's inline module script, in place of trunk's (xtask/src/loader.rs
// puts it in index.html with the build's file names for __MOGI_JS__ and __MOGI_WASM__).
//
// It starts the app's downloads (the wasm, its JavaScript glue and the bank's index) only
// once the browser has painted the loading shell, so on a slow network the shell is not
// kept waiting behind them; then it starts the app the way trunk's loader does, and only
// then a small bank's content, which no screen needs before *Start*: on a slow network it
// would otherwise share the bandwidth with the wasm and hold back the start screen. On a
// hidden page it starts at once; it never waits over a second.
const painted = new Promise((go) => {
  if (document.hidden) {
    go();
    return;
  }
  // A task posted from the next animation frame runs once that frame, the shell's first
  // paint, has been produced.
  requestAnimationFrame(() => setTimeout(go, 0));
  setTimeout(go, 1000);
});
await painted;
// The bank's index, unless a small one began downloading while the page was parsed: the app
// takes this response (`mogi::edge::bank_file`).
const bank = document.querySelector('meta[name=mogi-bank]');
window.mogiBankIndex = window.mogiBankIndex || fetch(bank.content);
const wasmResponse = fetch('./__MOGI_WASM__');
const bindings = await import('./__MOGI_JS__');
const wasm = await bindings.default({ module_or_path: wasmResponse });
// A small bank's content (`data-early`), which the app takes at once anyway: started here,
// before the app's first task runs, the app takes these responses too. A download not done in
// 15 s is dropped, and the app fetches it again itself.
const early = (bank.dataset.early || '').split(' ').filter((name) => name !== '');
const patience = window.AbortSignal && AbortSignal.timeout ? { signal: AbortSignal.timeout(15000) } : {};
window.mogiBankEarly = Object.fromEntries(early.map((name) => [name, fetch(name, patience)]));
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
