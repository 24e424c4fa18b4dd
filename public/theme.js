// Applies the visitor's saved colour theme before the page paints, so there is no flash of the
// wrong theme. Without a saved choice the stylesheet follows the system setting.
(function () {
  try {
    var theme = localStorage.getItem('theme');
    if (theme === 'light' || theme === 'dark') document.documentElement.setAttribute('data-theme', theme);
  } catch (e) {
    /* storage unavailable: follow the system setting */
  }
  // Once the pre-rendered page is parsed, before the app runs: the item an anchor names gets the
  // focus, and the theme switch says whether the dark theme is on (the page was rendered without
  // knowing the visitor's theme).
  document.addEventListener('DOMContentLoaded', function () {
    // An address with an item's anchor (`news/#news-<id>`, from the feed or a shared link): the
    // browser scrolls to the item and marks it (:target); the focus goes on it too, as the app
    // does, so Tab and a screen reader start there.
    try {
      var id = decodeURIComponent(location.hash.slice(1));
      var item = id && document.getElementById(id);
      if (item && item.closest('.results') && item.getAttribute('tabindex') === '-1') item.focus({ preventScroll: true });
    } catch (e) {
      /* a malformed anchor names nothing */
    }
    var chosen = document.documentElement.getAttribute('data-theme');
    var dark = chosen ? chosen === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
    var toggles = document.querySelectorAll('.theme-toggle');
    for (var i = 0; i < toggles.length; i++) toggles[i].setAttribute('aria-pressed', String(dark));
  });
})();

// A photo or thumbnail that fails to load (an expired third-party link, no network) is hidden
// rather than drawn as a broken image: a member's initials show through where it stood. This
// script runs before the page's images are parsed, so it sees every failure, the app's included.
document.addEventListener(
  'error',
  function (e) {
    var el = e.target;
    if (el && el.localName === 'img') el.classList.add('img-failed');
  },
  true,
);
