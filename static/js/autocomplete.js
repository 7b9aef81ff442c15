/*
 * Suggestions as a resident types in a registry search box: an ARIA 1.2 combobox with a listbox popup.
 *
 * Progressive enhancement: the text box (name="q") of every form with a `data-suggest` address gets it; without
 * this script the form works as a plain GET form. Suggestions come from that address as JSON, each with the URL
 * it leads to (a category filter, a merchant's page, a search).
 * Keys: Down/Up move through the options, Enter opens the active one, Escape closes the list.
 */
(function () {
  "use strict";

  var DEBOUNCE_MS = 200;
  var counter = 0;

  function enhance(form) {
    var input = form.querySelector('input[name="q"]');
    if (!input || input.getAttribute("role") === "combobox") {
      return;
    }
    var suggestUrl = new URL(form.dataset.suggest, window.location.href);
    counter += 1;
    var listId = "autocomplete-list-" + counter;

    var list = document.createElement("ul");
    list.id = listId;
    list.className = "autocomplete__list";
    list.setAttribute("role", "listbox");
    var labels = input.labels && input.labels.length ? input.labels[0] : null;
    if (labels) {
      if (!labels.id) {
        labels.id = listId + "-label";
      }
      list.setAttribute("aria-labelledby", labels.id);
    }
    list.hidden = true;

    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");

    // The list goes below the input's row (the input and its button), positioned against the row's container.
    var row = input.parentNode;
    row.parentNode.classList.add("autocomplete");
    row.insertAdjacentElement("afterend", list);
    row.insertAdjacentElement("afterend", status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("autocomplete", "off");

    var options = [];
    var active = -1;
    var timer = null;
    var pending = null;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function activate(index) {
      if (active >= 0 && options[active]) {
        options[active].element.setAttribute("aria-selected", "false");
      }
      active = index;
      if (active < 0) {
        input.removeAttribute("aria-activedescendant");
        return;
      }
      var option = options[active].element;
      option.setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    }

    function choose(index) {
      window.location.assign(options[index].url);
    }

    function show(data) {
      list.textContent = "";
      options = data.suggestions.map(function (suggestion, index) {
        var element = document.createElement("li");
        element.id = listId + "-option-" + index;
        element.className = "autocomplete__option autocomplete__option--" + suggestion.kind;
        element.setAttribute("role", "option");
        element.setAttribute("aria-selected", "false");
        var text = document.createElement("span");
        text.className = "autocomplete__text";
        text.textContent = suggestion.text;
        var kind = document.createElement("span");
        kind.className = "autocomplete__kind";
        kind.textContent = suggestion.kind_label;
        element.append(text, " ", kind);
        // mousedown, not click: the input must not lose focus (and close the list) first.
        element.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(index);
        });
        list.appendChild(element);
        return { element: element, url: suggestion.url };
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      status.textContent = data.status;
      if (options.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
    }

    function fetchSuggestions() {
      var typed = input.value.trim();
      if (pending) {
        pending.abort();
      }
      if (!typed) {
        close();
        return;
      }
      pending = new AbortController();
      var url = new URL(suggestUrl);
      url.searchParams.set("q", typed);
      fetch(url, { signal: pending.signal, headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (data) {
          if (data && data.query === typed) {
            show(data);
          }
        })
        .catch(function () {
          // Offline or aborted: the plain search form still works.
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DEBOUNCE_MS);
    });

    input.addEventListener("keydown", function (event) {
      var open = !list.hidden && options.length > 0;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!open) {
          if (options.length) {
            list.hidden = false;
            input.setAttribute("aria-expanded", "true");
          } else {
            fetchSuggestions();
          }
          return;
        }
        activate(active + 1 < options.length ? active + 1 : 0);
      } else if (event.key === "ArrowUp") {
        if (!open) {
          return;
        }
        event.preventDefault();
        activate(active > 0 ? active - 1 : options.length - 1);
      } else if (event.key === "Enter") {
        if (open && active >= 0) {
          event.preventDefault();
          choose(active);
        }
      } else if (event.key === "Escape") {
        if (open) {
          event.preventDefault();
          close();
        }
      }
    });

    input.addEventListener("blur", close);
  }

  function start() {
    document.querySelectorAll("form[data-suggest]").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
