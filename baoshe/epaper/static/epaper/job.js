/* Import job page: poll the job's status until it is finished. */
(function () {
  "use strict";
  var root = document.getElementById("ep-job");
  if (!root) return;
  function render(job) {
    document.getElementById("ep-job-status").textContent = job.status_display;
    document.getElementById("ep-job-pages").textContent = job.pages_done + "/" + job.pages_total;
    document.getElementById("ep-job-progress").value = job.progress;
    var list = document.getElementById("ep-job-messages");
    list.innerHTML = "";
    job.messages.forEach(function (m) { var li = document.createElement("li"); li.textContent = m; list.appendChild(li); });
    if (job.issue_url) {
      document.getElementById("ep-job-issue").href = job.issue_url;
      document.getElementById("ep-job-done").hidden = false;
    }
  }
  function poll() {
    fetch(root.dataset.statusUrl, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (job) { render(job); if (!job.finished) setTimeout(poll, 1000); })
      .catch(function () { setTimeout(poll, 3000); });
  }
  poll();
})();
