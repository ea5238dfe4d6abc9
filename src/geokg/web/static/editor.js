// The /sparql page: starts YASGUI when its files are installed (else keeps the plain form) and
// opens the example queries of queries/, read from the page's JSON blocks, in either of them.
// No inline handlers: everything is wired here, so the page can run under a strict CSP.
(function () {
  "use strict";

  function readJson(id, fallback) {
    var element = document.getElementById(id);
    if (!element) { return fallback; }
    try {
      return JSON.parse(element.textContent);
    } catch (error) {
      console.warn("geokg: cannot read #" + id, error);
      return fallback;
    }
  }

  // YASQE's prefix completer, with this endpoint's predeclared prefixes before the bundled list.
  function registerPrefixes(Yasqe, prefixes) {
    var base = Yasqe.Autocompleters.prefixes;
    var ours = Object.keys(prefixes).sort().map(function (name) {
      return name + ": <" + prefixes[name] + ">";
    });
    if (!base || !ours.length) { return "prefixes"; }
    Yasqe.forkAutocompleter("prefixes", {
      name: "geokg-prefixes",
      persistenceId: "geokg-prefixes",
      get: function (yasqe, token) {
        return Promise.resolve(base.get.call(this, yasqe, token)).then(function (bundled) {
          var seen = {};
          return ours.concat(bundled || []).filter(function (line) {
            var name = line.split(":")[0];
            if (seen[name]) { return false; }
            seen[name] = true;
            return true;
          });
        });
      }
    }, false);
    return "geokg-prefixes";
  }

  function startYasgui(container, defaultQuery, prefixes) {
    var Yasgui = window.Yasgui;
    if (typeof Yasgui !== "function" || !Yasgui.Yasqe) { return null; }
    var endpoint = new URL(container.getAttribute("data-endpoint"), document.baseURI).href;
    var completer = registerPrefixes(Yasgui.Yasqe, prefixes);
    // Offline and private: complete prefixes (bundled list) and variables only; the class and
    // property completers would send what is typed to lov.linkeddata.es.
    var completers = Yasgui.Yasqe.defaults.autocompleters;
    completers.splice(0, completers.length, completer, "variables");
    return {
      endpoint: endpoint,
      yasgui: new Yasgui(container, {
        requestConfig: { endpoint: endpoint, method: "POST" },
        copyEndpointOnNewTab: false,
        endpointCatalogueOptions: {
          getData: function () { return [{ endpoint: endpoint }]; }
        },
        yasqe: { value: defaultQuery },
        autofocus: false
      })
    };
  }

  document.addEventListener("DOMContentLoaded", function () {
    var examples = readJson("sparql-examples", []);
    var prefixes = readJson("sparql-prefixes", {});
    var byName = {};
    examples.forEach(function (example) { byName[example.name] = example; });
    var select = document.getElementById("example");
    var description = document.getElementById("example-description");
    var form = document.getElementById("sparql-form");
    var textarea = document.getElementById("query");
    var container = document.getElementById("yasgui");
    var editor = null;

    if (container) {
      try {
        editor = startYasgui(container, textarea ? textarea.value : "", prefixes);
      } catch (error) {
        console.error("geokg: YASGUI failed to start; keeping the plain form", error);
        editor = null;
      }
      if (editor) {
        if (form) { form.hidden = true; }
        document.body.classList.add("has-yasgui");
      } else {
        container.remove();
        container = null;
      }
    }

    function open(name) {
      var example = byName[name];
      if (!example) { return; }
      if (description) {
        description.textContent = example.title + ": " + example.description;
      }
      if (editor) {
        editor.yasgui.addTab(true, {
          name: example.title,
          yasqe: { value: example.text },
          requestConfig: { endpoint: editor.endpoint }
        }, { avoidDuplicateTabs: true });
        container.scrollIntoView({ block: "start" });
      } else if (textarea) {
        textarea.value = example.text;
        textarea.focus();
      }
    }

    if (select) {
      select.addEventListener("change", function () { open(select.value); });
    }
    function choose(name) {
      if (select) { select.value = name; }
      open(name);
    }
    Array.prototype.forEach.call(document.querySelectorAll("[data-example]"), function (button) {
      button.addEventListener("click", function () { choose(button.getAttribute("data-example")); });
    });
    // /sparql?example=<name> opens that example, so other pages and docs can link to it.
    var linked = new URLSearchParams(window.location.search).get("example");
    if (linked && byName[linked]) { choose(linked); }
  });
})();
