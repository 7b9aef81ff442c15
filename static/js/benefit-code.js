/*
 * The resident's QR code changes every 30 seconds: this swaps the image for the current one in place, so that the
 * page does not reload under the reader (a screen reader keeps its place). Without scripts the page reloads itself
 * instead (a meta refresh inside <noscript>). The counter accepts the current and the previous code, so timers
 * that drift a little do no harm.
 */
(function () {
  "use strict";

  var image = document.querySelector("[data-benefit-qr]");
  if (!image) {
    return;
  }
  var source = image.getAttribute("data-src");
  var period = Number(image.getAttribute("data-step-seconds")) * 1000;
  var first = Number(image.getAttribute("data-seconds-left")) * 1000;

  function refresh() {
    image.src = source + "?t=" + Date.now();
  }

  window.setTimeout(function () {
    refresh();
    window.setInterval(refresh, period);
  }, first + 500);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") {
      refresh();
    }
  });
})();
