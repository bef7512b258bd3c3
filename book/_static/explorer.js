/* CSM Lab live explorers (book/_ext/csmlab_explorers.py). Every state was computed by
   csmlab while the site was built; this script only swaps the chosen one in. No library,
   no request outside the site. Without it the page shows the preset's table and chart. */
(function () {
  "use strict";
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }
  function live(note, n) {
    var base = note.getAttribute("data-csmlab-states");
    return fetch(base + "index.json").then(function (r) { return r.json(); }).then(function (idx) {
      var C = idx.controls, have = new Set(idx.states), cache = new Map(), seq = 0;
      var applied = idx.preset.split(".").map(Number), pos = applied.slice();
      var out = note.closest(".output") || note, outs = [], sib = out.nextElementSibling;
      while (sib && outs.length < 2) { outs.push(sib); sib = sib.nextElementSibling; }
      while (outs.length < 2) {
        var d = el("div", { "class": "output text_html" });
        (outs[outs.length - 1] || out).after(d); outs.push(d);
      }
      var name = function (c) { return c.label + (c.unit ? " (" + c.unit + ")" : ""); };
      var together = (idx.combine || []).map(function (g) {
        return g.map(function (f) { return C.find(function (c) { return c.name === f; }).label; }).join(" with ");
      });
      note.innerHTML = "<strong>Live explorer.</strong> The controls move this page's table and chart. " +
        "Every state was computed in advance by csmlab when the site was built: each lever moves " +
        "alone from the starting values, at up to 21 positions (some steps are coarser than the " +
        "notebook's)" + (together.length ? "; these also move together: " + together.join("; ") : "") +
        ". For other values or combinations, open the notebook in Colab or Binder (the rocket icon " +
        "at the top of the page) or locally with <code>make lab</code>.";
      var form = el("form", { "class": "csmlab-live", "aria-label": idx.title || "Explorer" });
      form.addEventListener("submit", function (e) { e.preventDefault(); });
      var inputs = C.map(function (c, i) {
        var id = "csmlab-live-" + n + "-" + c.name, row = el("div", { "class": "csmlab-live-row" });
        var label = el("label", { "for": id }, name(c)), input, readout = null;
        if (c.kind === "bool") {
          input = el("input", { type: "checkbox", id: id });
          row.append(input, label);
        } else if (c.kind === "choice") {
          input = el("select", { id: id });
          c.labels.forEach(function (t, j) { input.append(el("option", { value: j }, t)); });
          row.append(label, input);
        } else {
          input = el("input", { type: "range", id: id, min: 0, max: c.values.length - 1, step: 1 });
          readout = el("output", { "for": id, "aria-hidden": "true" });
          row.append(label, input, readout);
          if (c.step) row.append(el("small", {}, "Steps of " + c.step + " here (" + c.nbstep + " in the notebook)"));
          input.addEventListener("input", function () { show(i, +input.value); });
        }
        input.addEventListener("change", function () {
          move(i, c.kind === "bool" ? +input.checked : +input.value);
        });
        form.append(row);
        return { input: input, readout: readout };
      });
      var msg = el("p", { "class": "csmlab-live-msg", role: "alert" });
      var status = el("p", { "class": "csmlab-live-status", "aria-live": "polite" });
      var reset = el("button", { type: "button" }, "Back to the starting values");
      reset.addEventListener("click", function () { go(idx.preset.split(".").map(Number), -1, []); });
      form.append(reset, msg, status);
      out.append(form);
      function show(i, j) {
        var c = C[i], w = inputs[i], text = c.labels[j] + (c.unit ? " " + c.unit : "");
        if (c.kind === "bool") w.input.checked = !!c.values[j];
        else w.input.value = j;
        if (w.readout) { w.readout.textContent = c.labels[j]; w.input.setAttribute("aria-valuetext", text); }
      }
      C.forEach(function (c, i) { show(i, pos[i]); });
      function load(key) {
        if (!cache.has(key)) cache.set(key, fetch(base + key + ".json").then(function (r) { return r.json(); }));
        return cache.get(key);
      }
      function move(i, j) {
        pos[i] = j; show(i, j);
        var want = applied.slice(); want[i] = j;
        if (have.has(want.join("."))) return go(want, i, []);
        // Not computed: the nearest state that keeps this lever where the reader put it.
        var best = null, bd = Infinity;
        idx.states.forEach(function (s) {
          var p = s.split(".").map(Number), d = 0;
          if (p[i] !== j) return;
          p.forEach(function (x, k) { if (x !== want[k]) d += 1000 + Math.abs(x - want[k]); });
          if (d < bd) { bd = d; best = p; }
        });
        go(best, i, best.map(function (x, k) { return x !== want[k] ? k : -1; }).filter(function (k) { return k >= 0; }));
      }
      function go(target, i, moved) {
        var key = target.join("."), mine = ++seq;
        return load(key).then(function (st) {
          if (mine !== seq) return;
          if (st.e) { msg.textContent = st.e; status.textContent = st.e; return; }
          var img = new Image();
          img.className = "csmlab-figure"; img.alt = st.a;
          img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(st.s);
          return img.decode().catch(function () {}).then(function () {
            if (mine !== seq) return;
            applied = target;
            target.forEach(function (x, k) { pos[k] = x; show(k, x); });
            outs[0].innerHTML = st.t;
            outs[1].replaceChildren(img);
            msg.textContent = "";
            var said = function (k) { return C[k].label + " " + C[k].labels[target[k]]; };
            status.textContent = (i < 0 ? "Back to the starting values" : "Table and chart updated for " + said(i)) +
              (moved.length ? ". Also set, to match the states computed for the site: " + moved.map(said).join(", ") : "") + ".";
            form.setAttribute("data-state", key);
            form.dispatchEvent(new CustomEvent("csmlab:state", { bubbles: true, detail: { key: key } }));
          });
        });
      }
    });
  }
  document.querySelectorAll("[data-csmlab-states]").forEach(function (note, n) {
    live(note, n).catch(function () {});  // on failure the static preset stays
  });
})();
