/*
 * "Use my location" on the search page: with the resident's permission, the browser's position fills the form's
 * `near` field (latitude,longitude, rounded to about 100 m) and the search runs again, nearest first.
 *
 * The position is never stored: it goes to the server as a GET parameter of this one search, like any other
 * filter, and is not kept in a cookie, the session or local storage. Progressive enhancement: without this script,
 * or where the browser cannot locate the device, the resident chooses a street or community in the same form
 * (`place`). External file on purpose: the site's Content-Security-Policy allows no inline script.
 */
(function () {
  "use strict";

  var DECIMALS = 3; // about 100 m: enough to sort by distance, no more precise than needed

  function enhance(fieldset) {
    var locate = fieldset.querySelector("[data-near-me-locate]");
    var sortButton = fieldset.querySelector("[data-near-me-sort]");
    var status = fieldset.querySelector("[data-near-me-status]");
    var form = fieldset.closest("form");
    if (!locate || !sortButton || !form || !("geolocation" in navigator)) {
      return;
    }
    locate.hidden = false;

    function say(text) {
      if (status) {
        status.textContent = text;
      }
    }

    locate.addEventListener("click", function () {
      say(locate.dataset.locating || "…");
      locate.disabled = true;
      navigator.geolocation.getCurrentPosition(
        function (position) {
          var point = form.querySelector('input[name="near"]');
          if (!point) {
            point = document.createElement("input");
            point.type = "hidden";
            point.name = "near";
            form.appendChild(point);
          }
          point.value =
            position.coords.latitude.toFixed(DECIMALS) + "," + position.coords.longitude.toFixed(DECIMALS);
          if (form.requestSubmit) {
            form.requestSubmit(sortButton);
          } else {
            sortButton.click();
          }
        },
        function () {
          locate.disabled = false;
          say(locate.dataset.failed || "");
        },
        { enableHighAccuracy: false, timeout: 10000, maximumAge: 300000 }
      );
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-near-me]"), enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
