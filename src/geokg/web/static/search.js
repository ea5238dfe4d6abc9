// Suggestions as you type in every search form (form[role=search] with an input named q):
// an accessible combobox (WAI-ARIA APG pattern) over /search/suggest, which answers OpenSearch
// suggestions [q, [names], [descriptions], [urls]]. No dependency; without it the form still works.
(function () {
  "use strict";
  var counter = 0;
  var script = document.currentScript;
  // the stylesheet of the suggestion list lives beside this script
  if (script && script.src) {
    var sheet = document.createElement("link");
    sheet.rel = "stylesheet";
    sheet.href = new URL("search.css", script.src).href;
    document.head.appendChild(sheet);
  }

  function setup(form) {
    var input = form.querySelector("input[name=q]");
    if (!input || input.getAttribute("role") === "combobox") { return; }
    counter += 1;
    var id = "search-suggestions-" + counter;
    var list = document.createElement("ul");
    list.id = id;
    list.className = "search-suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggestions");
    list.hidden = true;
    input.insertAdjacentElement("afterend", list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id);
    input.setAttribute("autocomplete", "off");
    var suggestUrl = new URL(form.getAttribute("action") || "/search", document.baseURI);
    suggestUrl.pathname = suggestUrl.pathname.replace(/\/?$/, "/suggest");
    var timer = null;
    var asked = "";
    var active = -1;
    var controller = null;

    function close() {
      list.hidden = true;
      list.textContent = "";
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var options = list.querySelectorAll("[role=option]");
      if (!options.length) { return; }
      active = (index + options.length) % options.length;
      Array.prototype.forEach.call(options, function (option, i) {
        option.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", options[active].id);
    }

    function show(text, data) {
      if (text !== input.value.trim()) { return; }
      close();
      var names = data[1] || [], descriptions = data[2] || [], urls = data[3] || [];
      names.forEach(function (name, i) {
        var option = document.createElement("li");
        option.id = id + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        var link = document.createElement("a");
        link.href = urls[i] || "#";
        link.tabIndex = -1;
        link.textContent = name;
        option.appendChild(link);
        if (descriptions[i]) {
          var small = document.createElement("span");
          small.className = "suggestion-description";
          small.textContent = " " + descriptions[i];
          option.appendChild(small);
        }
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();  // keep the focus in the input until we navigate
          window.location.assign(link.href);
        });
        list.appendChild(option);
      });
      if (names.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
    }

    function ask() {
      var text = input.value.trim();
      if (!text || text.length > 200) { close(); asked = ""; return; }
      if (text === asked) { return; }
      asked = text;
      if (controller) { controller.abort(); }
      controller = typeof AbortController === "function" ? new AbortController() : null;
      var url = new URL(suggestUrl.href);
      url.searchParams.set("q", text);
      fetch(url.href, {
        headers: { Accept: "application/x-suggestions+json" },
        signal: controller ? controller.signal : undefined
      }).then(function (response) {
        return response.ok ? response.json() : null;
      }).then(function (data) {
        if (Array.isArray(data)) { show(text, data); }
      }).catch(function (error) {
        if (!error || error.name !== "AbortError") { close(); }
      });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) { return; }
      if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
      else if (event.key === "Escape") { event.preventDefault(); close(); }
      else if (event.key === "Enter" && active >= 0) {
        var link = list.querySelectorAll("[role=option] a")[active];
        if (link) { event.preventDefault(); window.location.assign(link.href); }
      }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 100); });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("form[role=search]"), setup);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
