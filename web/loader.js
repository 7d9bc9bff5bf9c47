// Mogi's loader: the page's inline module script, in place of trunk's (xtask/src/loader.rs
// puts it in index.html with the URLs of the build's files, as trunk wrote them after the
// public URL, for __MOGI_JS__ and __MOGI_WASM__).
//
// It also owns the recovery screen shown when the app crashes (below): plain DOM, since a
// panicking wasm (`panic = "abort"`) can draw nothing more.
//
// It starts the app's downloads (the wasm, its JavaScript glue and the bank's index) only
// once the browser has painted the loading shell, so on a slow network the shell is not
// kept waiting behind them; then it starts the app the way trunk's loader does. No question
// text starts here: on a slow network it would share the bandwidth with the wasm and hold
// back the start screen (which, once it is up, fetches the first question's itself). On a hidden page it starts at
// once; it never waits over a second.

// The recovery screen. The wasm's panic hook (`mogi::start`) calls `mogiCrashed` with the
// panic's message; a `WebAssembly.RuntimeError` reaching the page is the fallback (a trap the
// hook did not see). The screen replaces the page's body, so no part of the dead app is left
// to click, and says in the reader's language (the `lang` of <html>, as the app or the loading
// shell set it) that the stored data is safe, with a way back in and a way to keep that data.
const CRASH_TEXT = {
  en: {
    title: 'Mogi stopped because of an error',
    body: 'Something went wrong inside Mogi and it could not go on. Your saved answers and results are still stored in this browser: reloading starts Mogi again with them.',
    report: 'If this happens again, you can download your data and send it with a description of what you were doing when Mogi stopped.',
    reload: 'Reload',
    download: 'Download my data',
    failed: 'The file could not be created in this browser.',
    details: 'Error details',
  },
  ja: {
    title: 'エラーのため Mogi が停止しました',
    body: 'Mogi の内部で問題が起きたため、動作を続けられなくなりました。保存した解答と結果はこのブラウザーに残っています。再読み込みすると、そのまま Mogi を再開できます。',
    report: '同じことがまた起きる場合は、データをダウンロードして、停止したときに行っていた操作と一緒にお送りください。',
    reload: '再読み込み',
    download: 'データをダウンロード',
    failed: 'このブラウザーではファイルを作成できませんでした。',
    details: 'エラーの詳細',
  },
};

// This site's stored values, raw, under their stored keys (core/src/store/): the site's
// own (its directory, then a key without '/') and any a release without sites left under the
// bare `mogi.` keys.
function storedData() {
  const site = location.pathname.replace(/[^/]*$/, '') || '/';
  const ours = (key) =>
    key.startsWith('mogi.') || (key.startsWith(site) && !key.slice(site.length).includes('/'));
  const data = {};
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key !== null && ours(key)) data[key] = localStorage.getItem(key);
  }
  return data;
}

function downloadData() {
  const text = JSON.stringify(storedData(), null, 2);
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = `mogi-data-${new Date().toISOString().slice(0, 10)}.json`;
  anchor.hidden = true;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Revoking at once can cancel the download in some engines; let it start first.
  setTimeout(() => URL.revokeObjectURL(url), 30000);
}

function element(tag, props, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

let crashed = false;
function showCrash(message) {
  if (crashed) return;
  crashed = true;
  const lang = document.documentElement.lang === 'ja' ? 'ja' : 'en';
  const text = CRASH_TEXT[lang];
  const reload = element('button', { className: 'primary', type: 'button' }, text.reload);
  reload.dataset.testid = 'crash-reload';
  reload.addEventListener('click', () => {
    // To the start page: the route on screen may be what crashed. An exam in progress is
    // offered there again.
    history.replaceState(null, '', '#/');
    location.reload();
  });
  const download = element('button', { type: 'button' }, text.download);
  download.dataset.testid = 'crash-download';
  const failed = element('p', { className: 'fine', hidden: true }, text.failed);
  failed.setAttribute('role', 'alert');
  failed.dataset.testid = 'crash-download-failed';
  download.addEventListener('click', () => {
    try {
      downloadData();
    } catch (error) {
      console.error('Mogi: the data could not be downloaded', error);
      failed.hidden = false;
    }
  });
  const title = element('h1', { tabIndex: -1 }, text.title);
  const details = element('pre', {}, String(message));
  details.dataset.testid = 'crash-message';
  const main = element('main', { className: 'screen', id: 'main' },
    title,
    element('p', {}, text.body),
    element('div', { className: 'exam-actions' }, reload, download),
    failed,
    element('p', {}, text.report),
    element('details', {}, element('summary', {}, text.details), details));
  main.dataset.testid = 'crashed';
  const brand = element('span', { className: 'brand' }, 'Mogi');
  // A new <body>: the dead app's listeners on the old one go with it.
  const body = element('body', {}, element('header', { className: 'topbar' }, brand), main);
  document.body.replaceWith(body);
  document.title = `${text.title} — Mogi`;
  title.focus();
}
window.mogiCrashed = showCrash;

// The fallback: a trap in the wasm that reached the page. Once the screen is up, the dead
// app's timers and listeners keep trapping; those are expected and not reported again.
const trapped = (error) => error instanceof WebAssembly.RuntimeError;
addEventListener('error', (event) => {
  if (!trapped(event.error)) return;
  if (crashed) event.preventDefault();
  showCrash(String(event.error));
});
addEventListener('unhandledrejection', (event) => {
  if (!trapped(event.reason)) return;
  if (crashed) event.preventDefault();
  showCrash(String(event.reason));
});

// Starting the app.
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
const wasmResponse = fetch('__MOGI_WASM__');
const bindings = await import('__MOGI_JS__');
const wasm = await bindings.default({ module_or_path: wasmResponse });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
