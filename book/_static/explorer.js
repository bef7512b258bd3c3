/* CSM Lab live explorers (book/_ext/csmlab_explorers.py, csmlab.live): every state was
   computed by csmlab when the site was built; this script swaps the chosen one in.
   No library, no request outside the site. Without it the page shows the preset. */
(() => {
  "use strict";
  const el = (tag, attrs = {}, text) => {
    const e = document.createElement(tag);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  };
  const split = (s) => s.split(".").map(Number);
  async function live(note, n) {
    const base = note.dataset.csmlabStates;
    const idx = await (await fetch(base + "index.json")).json();
    const C = idx.controls, have = new Set(idx.states), cache = new Map();
    let applied = split(idx.preset), seq = 0;
    const out = note.closest(".output") || note, outs = [];
    for (let s = out.nextElementSibling; s && outs.length < 2; s = s.nextElementSibling) outs.push(s);
    while (outs.length < 2) {
      const d = el("div", { class: "output text_html" });
      (outs[outs.length - 1] || out).after(d);
      outs.push(d);
    }
    const label = (f) => C.find((c) => c.name === f).label;
    const together = (idx.combine || []).map((g) => g.map(label).join(" with "));
    note.innerHTML = "<strong>Live explorer.</strong> The controls move this page's table and " +
      "chart. Every state was computed in advance by csmlab when the site was built: each lever " +
      "moves alone from the starting values, at up to 21 positions (some steps are coarser than " +
      "the notebook's)" + (together.length ? "; these also move together: " + together.join("; ") : "") +
      ". For other values or combinations, open the notebook in Colab or Binder (the rocket icon " +
      "at the top of the page) or locally with <code>make lab</code>.";
    const form = el("form", { class: "csmlab-live", "aria-label": idx.title || "Explorer" });
    form.onsubmit = (e) => e.preventDefault();
    const inputs = C.map((c, i) => {
      const id = `csmlab-live-${n}-${c.name}`, row = el("div", { class: "csmlab-live-row" });
      const lab = el("label", { for: id }, c.label + (c.unit ? ` (${c.unit})` : ""));
      let input, readout = null;
      if (c.kind === "bool") {
        input = el("input", { type: "checkbox", id });
        row.append(input, lab);
      } else if (c.kind === "choice") {
        input = el("select", { id });
        c.labels.forEach((t, j) => input.append(el("option", { value: j }, t)));
        row.append(lab, input);
      } else {
        input = el("input", { type: "range", id, min: 0, max: c.values.length - 1, step: 1 });
        readout = el("output", { for: id, "aria-hidden": "true" });
        row.append(lab, input, readout);
        if (c.step) row.append(el("small", {}, `Steps of ${c.step} here (${c.nbstep} in the notebook)`));
        input.oninput = () => show(i, +input.value);
      }
      input.onchange = () => move(i, c.kind === "bool" ? +input.checked : +input.value);
      form.append(row);
      return { input, readout };
    });
    const msg = el("p", { class: "csmlab-live-msg", role: "alert" });
    const status = el("p", { class: "csmlab-live-status", "aria-live": "polite" });
    const reset = el("button", { type: "button" }, "Back to the starting values");
    reset.onclick = () => go(split(idx.preset), -1, []);
    form.append(reset, msg, status);
    out.after(form);
    function show(i, j) {
      const c = C[i], w = inputs[i];
      if (c.kind === "bool") w.input.checked = !!c.values[j];
      else w.input.value = j;
      if (w.readout) {
        w.readout.textContent = c.labels[j];
        w.input.setAttribute("aria-valuetext", c.labels[j] + (c.unit ? " " + c.unit : ""));
      }
    }
    C.forEach((c, i) => show(i, applied[i]));
    const load = (key) => {
      if (!cache.has(key)) cache.set(key, fetch(base + key + ".json").then((r) => r.json()));
      return cache.get(key);
    };
    function move(i, j) {
      show(i, j);
      const want = applied.slice();
      want[i] = j;
      if (have.has(want.join("."))) return go(want, i, []);
      // Not computed: the nearest state that keeps this lever where the reader put it.
      let best = null, bd = Infinity;
      for (const s of idx.states) {
        const p = split(s);
        if (p[i] !== j) continue;
        const d = p.reduce((a, x, k) => a + (x !== want[k] ? 1000 + Math.abs(x - want[k]) : 0), 0);
        if (d < bd) [bd, best] = [d, p];
      }
      go(best, i, best.map((x, k) => (x !== want[k] ? k : -1)).filter((k) => k >= 0));
    }
    async function go(target, i, moved) {
      const key = target.join("."), mine = ++seq, st = await load(key);
      if (mine !== seq) return;
      if (st.e) { msg.textContent = status.textContent = st.e; return; }
      const img = new Image();
      img.className = "csmlab-figure";
      img.alt = st.a;
      img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(st.s);
      await img.decode().catch(() => {});
      if (mine !== seq) return;
      applied = target;
      target.forEach((x, k) => show(k, x));
      outs[0].innerHTML = st.t;
      outs[1].replaceChildren(img);
      msg.textContent = "";
      const said = (k) => C[k].label + " " + C[k].labels[target[k]];
      status.textContent = (i < 0 ? "Back to the starting values" : "Table and chart updated for " + said(i)) +
        (moved.length ? ". Also set, to match the states computed for the site: " + moved.map(said).join(", ") : "") + ".";
      form.dataset.state = key;
      form.dispatchEvent(new CustomEvent("csmlab:state", { bubbles: true, detail: { key } }));
    }
  }
  document.querySelectorAll("[data-csmlab-states]").forEach((note, n) =>
    live(note, n).catch(() => {}));  // on any failure the static preset stays
})();
