// Injected into every benchmarked page before its own scripts (Playwright addInitScript). It adds
// `window.__bench`, which the driver (bench/run.mjs) uses to time what a visitor sees:
//
// - firstContent: resolves once the newest news item of the served data file (id in
//   window.__benchFirstId) is in `.results` and painted, pre-rendered or rendered by the app;
//   appReady once it is and the app runs (`app-ready` on <html>); firstAnyEntry once any news entry is (a page
//   pre-rendered from other data shows until the app has loaded the served file). A requestAnimationFrame loop checks once per frame, so no
//   observer slows the render; `tPaint` is taken in a task posted from that frame's rAF callback,
//   which runs after the frame's style, layout and paint. Times are performance.now(), i.e. ms
//   since navigation start.
// - arm(event, kind, expected, first) + wait(timeoutMs): times one interaction. t0 is taken in a
//   capture-phase `input` or `click` listener on window (the first listener to see the event,
//   before the page's own), which also starts a requestAnimationFrame loop. The first frame whose
//   rAF callback finds the expected state in the DOM (the result count in `.result-count` and the
//   id of the first news entry in the list, or the profile's `h1`) ends the step: `dtRaf` is t0 → that rAF callback, `dt` is t0 → a task posted
//   from it, which runs once the frame has been styled, laid out and painted. Work the page does
//   in the event's task and its microtasks (where Leptos runs its effects) always lands before
//   that first frame; the DOM is not observed, so nothing slows the page's own updates. (A page
//   that leaves the DOM untouched when the result does not change, as Leptos does, is done at the
//   first frame after the event.)
// - wasmMemoryBytes(): the byte size of the WebAssembly.Memory that Trunk's loader reports with
//   its TrunkApplicationStarted event (detail.wasm is the module's exports; `memory` is among
//   them), when the page has one.
(() => {
  if (window.__bench) return;
  // Runs `f` in a task posted from an animation-frame callback: it runs once that frame's style,
  // layout and paint are done. A `user-blocking` task (Prioritized Task Scheduling API), because
  // Chromium defers ordinary tasks after a discrete input event until the next frame
  // (DeferRendererTasksAfterInput): the key-up that follows a key press, arriving while the frame
  // is drawn, used to hold a posted message back by a whole frame, after the list was painted.
  // A MessageChannel message where the API is missing.
  const postAfterFrame = (f) => {
    if (window.scheduler && scheduler.postTask) {
      scheduler.postTask(f, { priority: 'user-blocking' });
    } else {
      const ch = new MessageChannel();
      ch.port1.onmessage = f;
      ch.port2.postMessage(0);
    }
  };

  const B = {
    armed: null,
    wasmExports: null,
    firstContent: null,
  };
  window.__bench = B;

  addEventListener('TrunkApplicationStarted', (e) => {
    B.wasmExports = e.detail && e.detail.wasm;
  });
  B.wasmMemoryBytes = () => {
    const m = B.wasmExports && B.wasmExports.memory;
    return m && m.buffer ? m.buffer.byteLength : null;
  };

  // The first frame with any news entry (possibly HTML pre-rendered from other data), and the
  // first with the entry the driver expects first from the data file it serves
  // (window.__benchFirstId, set by another init script), or an error panel.
  const frameAfter = (test) =>
    new Promise((resolve) => {
      const tick = () => {
        if (test()) {
          const tRaf = performance.now();
          postAfterFrame(() => resolve({ tRaf, tPaint: performance.now() }));
        } else {
          requestAnimationFrame(tick);
        }
      };
      requestAnimationFrame(tick);
    });
  B.firstAnyEntry = frameAfter(() => document.querySelector('.results .news-entry'));
  const newestShown = () => {
    const id = window.__benchFirstId;
    if (!id) return document.querySelector('.results .news-entry');
    const el = document.getElementById(id);
    return el && el.closest('.results');
  };
  // The newest item on screen, whoever rendered it: the page pre-rendered from the same file, or
  // the app. appReady: the same, once the app runs (the booting class of the page is gone).
  B.firstContent = frameAfter(() => document.querySelector('.error-panel') || newestShown());
  // The app marks the page `app-ready` once it has taken it over. A page rendered for its own
  // address loads the app only when the visitor reaches for a control (the driver does that right
  // after the first content, and times it from then: wake()).
  B.appReady = frameAfter(() => {
    if (document.querySelector('.error-panel')) return true;
    // The reference page (no #root) has no app to wait for.
    if (!document.getElementById('root')) return newestShown();
    return document.documentElement.classList.contains('app-ready') && newestShown();
  });
  // The first frame after the app marked the page `app-ready` (any page, the home page included).
  B.appTookOver = frameAfter(
    () => document.documentElement.classList.contains('app-ready') || document.querySelector('.error-panel'),
  );
  /** When the driver first reached for a control (performance.now()), or null. */
  B.wokeAt = null;
  addEventListener('pointerover', () => (B.wokeAt ??= performance.now()), { capture: true, passive: true });

  const shows = (a) => {
    if (a.kind === 'count') {
      const el = document.querySelector('.results .result-count');
      if (!el || parseInt(el.textContent, 10) !== a.expected) return false;
      // Shown: a count the page keeps hidden while it is still filtering states nothing.
      if (getComputedStyle(el).visibility === 'hidden') return false;
      // And the list under it starts with the entry the filter puts first (none when empty);
      // entries the page hides (list.js before the app runs) are not in it.
      const first = [...document.querySelectorAll('.results .news-entry')].find((e) => !e.closest('[hidden]'));
      return a.first === undefined || (first ? first.id : null) === a.first;
    }
    if (a.kind === 'h1') {
      const el = document.querySelector('main h1');
      return !!el && el.textContent.trim() === a.expected;
    }
    return false;
  };

  /** Once per animation frame from t0 on: done at the first frame that shows the expected state. */
  const poll = (a) => {
    requestAnimationFrame(() => {
      if (a.done) return;
      a.frames += 1;
      if (!shows(a)) return poll(a);
      const tRaf = performance.now();
      postAfterFrame(() => {
        if (a.done) return;
        a.done = true;
        a.resolve({ ok: true, dt: performance.now() - a.t0, dtRaf: tRaf - a.t0, frames: a.frames });
      });
    });
  };

  for (const type of ['input', 'click']) {
    addEventListener(
      type,
      () => {
        const a = B.armed;
        if (a && a.event === type && a.t0 == null) {
          a.t0 = performance.now();
          poll(a);
        }
      },
      true,
    );
  }

  /** First contentful paint (ms from navigation start), once there is one. */
  B.fcp = null;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') B.fcp = e.startTime;
    }).observe({ type: 'paint', buffered: true });
  } catch {}

  /** Every distinct result count the page showed, frame by frame, from navigation on (for a
   * shared filtered address: did it ever state something false?). */
  B.countsShown = [];
  const watchCounts = () => {
    const el = document.querySelector('.results .result-count');
    if (el && getComputedStyle(el).visibility !== 'hidden') {
      const text = el.textContent.trim();
      if (B.countsShown[B.countsShown.length - 1] !== text) B.countsShown.push(text);
    }
    requestAnimationFrame(watchCounts);
  };
  requestAnimationFrame(watchCounts);

  /** Resolves, from navigation start, when the page first shows `expected` results with `first`
   * at their top (painted: `tPaint` as for firstContent). */
  B.whenShows = (expected, first) => frameAfter(() => shows({ kind: 'count', expected, first }));

  /** Arms the timing of the next `input` or `click` event, to end when `kind` shows `expected`. */
  B.arm = (event, kind, expected, first) => {
    const a = { event, kind, expected, first, t0: null, frames: 0, done: false };
    a.promise = new Promise((resolve) => (a.resolve = resolve));
    B.armed = a;
    return true;
  };

  /** Resolves with the armed interaction's timing, or {ok:false} after timeoutMs. */
  B.wait = (timeoutMs) => {
    const a = B.armed;
    if (!a) return Promise.resolve({ ok: false, error: 'not armed' });
    const timer = new Promise((resolve) =>
      setTimeout(() => {
        if (a.done) return;
        a.done = true;
        resolve({ ok: false, error: a.t0 == null ? 'event never dispatched' : 'expected state never shown', t0: a.t0, frames: a.frames });
      }, timeoutMs),
    );
    return Promise.race([a.promise, timer]).finally(() => {
      B.armed = null;
    });
  };
})();
