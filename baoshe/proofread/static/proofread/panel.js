/* 机审 panel of the article editor: post the edit form, highlight findings in place.
 *
 * The server binds the posted form to the article's admin form (so Draftail and StreamField
 * data are read as a save would read them) and answers with ArticleReport.to_dict(). Every
 * string from the report is inserted with textContent, never as HTML.
 */
(function () {
  "use strict";

  var SEVERITY_ORDER = { block: 0, warn: 1, info: 2 };

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
    var title = f.severity_label + "：" + f.message;
    if (f.suggestion !== null && f.suggestion !== undefined) {
      title += "（建议改为“" + f.suggestion + "”）";
    }
    return title;
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
      button.textContent = "已复制";
      setTimeout(function () {
        button.textContent = "复制建议";
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
      item.appendChild(el("span", "proofread-badge proofread-badge--" + f.severity, f.severity_label));
      var excerpt = el("a", "proofread-excerpt", "“" + f.excerpt + "”");
      excerpt.href = "#" + prefix + f._index;
      item.appendChild(excerpt);
      item.appendChild(el("span", "proofread-message", f.message));
      item.appendChild(el("code", "proofread-rule", f.pack + "/" + f.rule));
      if (f.suggestion !== null && f.suggestion !== undefined) {
        var fix = el("span", "proofread-suggestion");
        fix.appendChild(document.createTextNode("建议："));
        fix.appendChild(el("strong", null, f.suggestion === "" ? "（删除）" : f.suggestion));
        item.appendChild(fix);
        var button = el("button", "button button-small button-secondary proofread-copy", "复制建议");
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
        ? "共 " + total + " 处：必须修改 " + (counts.block || 0) + "，建议修改 " +
            (counts.warn || 0) + "，提示 " + (counts.info || 0) +
            (data.truncated ? "（结果过多，已截断）" : "")
        : "未发现问题。"
    );
    results.appendChild(summary);
    if (data.invalid_fields && data.invalid_fields.length) {
      results.appendChild(
        el("p", "proofread-note", "以下字段未通过表单校验，按已保存的内容校对：" + data.invalid_fields.join("、"))
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
    status.textContent = "机审中……";
    fetch(panel.dataset.checkUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": token, "X-Requested-With": "XMLHttpRequest" },
    })
      .then(function (response) {
        if (response.status === 403) throw new Error("没有权限或登录已过期，请刷新页面后重试。");
        return response.json().then(function (data) {
          if (!response.ok) throw new Error(data.error || "机审失败（" + response.status + "）");
          return data;
        });
      })
      .then(function (data) {
        render(panel, data);
        status.textContent = "机审完成";
      })
      .catch(function (error) {
        status.textContent = error.message || "机审失败，请稍后重试。";
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
