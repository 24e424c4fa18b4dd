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
