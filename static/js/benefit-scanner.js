/*
 * The counter's QR scan, where the browser can read QR codes itself (BarcodeDetector: Chrome on Android).
 * Elsewhere the button stays hidden and staff type the code. The photo is read on the phone and never sent.
 */
(function () {
  "use strict";

  var scanner = document.querySelector("[data-benefit-scanner]");
  if (!scanner || !("BarcodeDetector" in window)) {
    return;
  }
  var input = document.getElementById(scanner.getAttribute("data-target"));
  var photo = scanner.querySelector("input[type=file]");
  var status = scanner.querySelector("[data-scan-status]");

  window.BarcodeDetector.getSupportedFormats().then(function (formats) {
    if (formats.indexOf("qr_code") === -1) {
      return;
    }
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    scanner.hidden = false;
    photo.addEventListener("change", function () {
      if (!photo.files.length) {
        return;
      }
      createImageBitmap(photo.files[0])
        .then(function (image) {
          return detector.detect(image);
        })
        .then(function (codes) {
          if (codes.length) {
            input.value = codes[0].rawValue;
            input.form.requestSubmit(input.form.querySelector("[name=action]"));
          } else {
            status.textContent = scanner.getAttribute("data-not-found");
          }
        })
        .catch(function () {
          status.textContent = scanner.getAttribute("data-not-found");
        });
      photo.value = "";
    });
  });
})();
