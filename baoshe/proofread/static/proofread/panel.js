/* Machine-review panel of the article editor: post the edit form, highlight findings in place.
 *
 * The server binds the posted form to the article's admin form (so Draftail and StreamField
 * data are read as a save would read them) and answers with ArticleReport.to_dict(). Every
 * string from the report is inserted with textContent, never as HTML. The words come from the
 * panel's template (json_script "proofread-strings"), translated there; the script holds none.
 */
(function () {
  "use strict";

  var SEVERITY_ORDER = { block: 0, warn: 1, info: 2 };
  var strings = null;

  function t(key) {
    if (strings === null) {
      var script = document.getElementById("proofread-strings");
      strings = script ? JSON.parse(script.textContent) : {};
    }
    return strings[key] !== undefined ? strings[key] : key;
  }

  // Put values into a translated "%(name)s" template.
  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (match, name) {
      return values[name] !== undefined ? String(values[name]) : match;
    });
  }

  function severityLabel(f) {
    return t("severity")[f.severity] || f.severity_label;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function flushDraftail(form) {
    // Draftail writes its hidden input on a short debounce; ask each editor to save now.
    form.querySelectorAll("input[data-draftail-input]").forEach(function (input) {
      var editor = input.draftailEditor;
      if (editor && typeof editor.saveState === "function") {
        try {
          editor.saveState();
        } catch (e) {
          /* an editor that cannot save now keeps its last saved state */
        }
      }
    });
  }

  function findingTitle(f) {
    var values = { severity: severityLabel(f), message: f.message, suggestion: f.suggestion };
    if (f.suggestion !== null && f.suggestion !== undefined) {
      return fill(t("titleWithSuggestion"), values);
    }
    return fill(t("title"), values);
  }

  function renderText(text, findings, prefix) {
    var p = el("div", "proofread-text");
    var pos = 0;
    findings
      .slice()
      .sort(function (a, b) {
        return a.start - b.start || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
      })
      .forEach(function (f) {
        if (f.start < pos || f.end > text.length) return; // overlaps a mark already drawn
        p.appendChild(document.createTextNode(text.slice(pos, f.start)));
        var mark = el("mark", "proofread-mark proofread-mark--" + f.severity, text.slice(f.start, f.end));
        mark.title = findingTitle(f);
        mark.id = prefix + f._index;
        mark.dataset.rule = f.pack + "/" + f.rule;
        p.appendChild(mark);
        pos = f.end;
      });
    p.appendChild(document.createTextNode(text.slice(pos)));
    return p;
  }

  function copy(text, button) {
    function done() {
      button.textContent = t("copied");
      setTimeout(function () {
        button.textContent = t("copy");
      }, 1500);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () {
        fallbackCopy(text);
        done();
      });
    } else {
      fallbackCopy(text);
      done();
    }
  }

  function fallbackCopy(text) {
    var area = el("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try {
      document.execCommand("copy");
    } catch (e) {
      /* nothing else to try */
    }
    document.body.removeChild(area);
  }

  function renderFindingList(findings, prefix) {
    var list = el("ol", "proofread-findings");
    findings.forEach(function (f) {
      var item = el("li", "proofread-finding proofread-finding--" + f.severity);
      item.appendChild(el("span", "proofread-badge proofread-badge--" + f.severity, severityLabel(f)));
      var excerpt = el("a", "proofread-excerpt", "“" + f.excerpt + "”");
      excerpt.href = "#" + prefix + f._index;
      item.appendChild(excerpt);
      item.appendChild(el("span", "proofread-message", f.message));
      item.appendChild(el("code", "proofread-rule", f.pack + "/" + f.rule));
      if (f.suggestion !== null && f.suggestion !== undefined) {
        var fix = el("span", "proofread-suggestion");
        // The suggestion goes in bold where the translated text puts it.
        var around = t("suggestion").split("%(suggestion)s");
        fix.appendChild(document.createTextNode(around[0]));
        fix.appendChild(el("strong", null, f.suggestion === "" ? t("deletion") : f.suggestion));
        if (around.length > 1) fix.appendChild(document.createTextNode(around.slice(1).join("")));
        item.appendChild(fix);
        var button = el("button", "button button-small button-secondary proofread-copy", t("copy"));
        button.type = "button";
        button.addEventListener("click", function () {
          copy(f.suggestion, button);
        });
        item.appendChild(button);
      }
      list.appendChild(item);
    });
    return list;
  }

  function render(panel, data) {
    var results = panel.querySelector("[data-proofread-results]");
    results.replaceChildren();
    var counts = data.counts || {};
    var total = data.findings.length;
    var summary = el(
      "p",
      "proofread-summary" + (data.has_blocking ? " proofread-summary--blocking" : ""),
      total
        ? fill(t(data.truncated ? "summaryTruncated" : "summary"), {
            total: total,
            block: counts.block || 0,
            warn: counts.warn || 0,
            info: counts.info || 0,
          })
        : t("noFindings")
    );
    results.appendChild(summary);
    if (data.invalid_fields && data.invalid_fields.length) {
      results.appendChild(
        el(
          "p",
          "proofread-note",
          fill(t("invalidFields"), { fields: data.invalid_fields.join(t("listSeparator")) })
        )
      );
    }
    var byField = {};
    data.findings.forEach(function (f, i) {
      f._index = i;
      (byField[f.field] = byField[f.field] || []).push(f);
    });
    Object.keys(data.field_labels).forEach(function (field) {
      var findings = byField[field];
      if (!findings) return;
      var section = el("section", "proofread-field");
      section.dataset.field = field;
      section.appendChild(el("h3", "proofread-field__label", data.field_labels[field]));
      var prefix = "proofread-finding-";
      section.appendChild(renderText(data.texts[field] || "", findings, prefix));
      section.appendChild(renderFindingList(findings, prefix));
      results.appendChild(section);
    });
  }

  function run(panel) {
    var form = panel.closest("form");
    var status = panel.querySelector("[data-proofread-status]");
    var button = panel.querySelector("[data-proofread-run]");
    if (!form) return;
    flushDraftail(form);
    var body = new FormData(form);
    var token = body.get("csrfmiddlewaretoken") || "";
    button.disabled = true;
    status.textContent = t("running");
    fetch(panel.dataset.checkUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": token, "X-Requested-With": "XMLHttpRequest" },
    })
      .then(function (response) {
        if (response.status === 403) throw new Error(t("forbidden"));
        return response.json().then(function (data) {
          if (!response.ok) {
            throw new Error(data.error || fill(t("failedWithStatus"), { status: response.status }));
          }
          return data;
        });
      })
      .then(function (data) {
        render(panel, data);
        status.textContent = t("done");
      })
      .catch(function (error) {
        status.textContent = error.message || t("failed");
      })
      .finally(function () {
        button.disabled = false;
      });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-proofread-run]");
    if (button) {
      event.preventDefault();
      run(button.closest("[data-proofread-panel]"));
    }
  });
})();
