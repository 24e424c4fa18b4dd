// Applies the visitor's saved colour theme before the page paints, so there is no flash of the
// wrong theme. Without a saved choice the stylesheet follows the system setting.
(function () {
  try {
    var theme = localStorage.getItem('theme');
    if (theme === 'light' || theme === 'dark') document.documentElement.setAttribute('data-theme', theme);
  } catch (e) {
    /* storage unavailable: follow the system setting */
  }
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
