// Wagtail's rich text editor (Draftail, through React) writes <style> elements for list nesting and placeholders.
// The admin's policy allows a style element only with this response's nonce, so each one created on this page is
// given it. Only scripts on the page can read the nonce (from this script's element), and a nonce on a style
// allows styles, never code.
(function () {
  "use strict";
  var script = document.currentScript;
  var nonce = script && script.nonce;
  if (!nonce) {
    return;
  }
  var createElement = Document.prototype.createElement;
  Document.prototype.createElement = function (tagName, options) {
    var element = createElement.call(this, tagName, options);
    if (String(tagName).toLowerCase() === "style") {
      element.setAttribute("nonce", nonce);
    }
    return element;
  };
})();
