/* CSM Lab: charts readable whole at every width.
   Every chart is scaled to the column (csmlab.css). Where that sets its smallest text under
   8 px (a wide chart on a phone), an "Enlarge" button under the chart (and a tap on the chart)
   opens it full screen at its own size, where it scrolls and zooms. tests/test_reader.py checks
   that every chart with small text on a phone has this button. */
(function () {
  "use strict";
  var MIN_PX = 8;

  function smallestFont(img) {
    if (img._csmlabFont !== undefined) return img._csmlabFont;
    var out = null;
    try {
      var src = img.getAttribute("src") || "";
      var comma = src.indexOf(",");
      if (src.indexOf("data:image/svg+xml;base64,") === 0) {
        var svg = atob(src.slice(comma + 1));
        var box = svg.match(/viewBox="[\d.]+ [\d.]+ ([\d.]+) [\d.]+"/);
        var sizes = (svg.match(/font-size:\s*[\d.]+px/g) || []).map(function (s) {
          return parseFloat(s.split(":")[1]);
        });
        if (box && sizes.length) out = {font: Math.min.apply(null, sizes), width: parseFloat(box[1])};
      }
    } catch (e) { out = null; }
    img._csmlabFont = out;
    return out;
  }

  function textPx(img) {
    var f = smallestFont(img);
    var w = img.getBoundingClientRect().width;
    if (!f || !w) return null;
    return f.font * w / f.width;
  }

  var dialog = null;
  function lightbox(img) {
    if (!dialog) {
      dialog = document.createElement("dialog");
      dialog.className = "csmlab-lightbox";
      dialog.setAttribute("aria-label", "Chart at full size");
      var close = document.createElement("button");
      close.type = "button";
      close.textContent = "✕ Close";
      close.addEventListener("click", function () { dialog.close(); });
      dialog.appendChild(close);
      dialog.addEventListener("click", function (ev) {
        if (ev.target.tagName === "IMG") dialog.close();
      });
      document.body.appendChild(dialog);
    }
    var old = dialog.querySelector("img");
    if (old) old.remove();
    var big = img.cloneNode();
    big.removeAttribute("style");
    big.className = "csmlab-figure-full";
    dialog.appendChild(big);
    dialog.showModal();
  }

  function update() {
    document.querySelectorAll("img.csmlab-figure").forEach(function (img) {
      var px = textPx(img);
      var next = img.nextElementSibling;
      var has = next && next.classList && next.classList.contains("csmlab-enlarge");
      var small = px !== null && px < MIN_PX;
      if (small && !has) {
        var b = document.createElement("button");
        b.type = "button";
        b.className = "csmlab-enlarge";
        b.innerHTML = "<span aria-hidden='true'>⤢</span> Enlarge chart";
        b.setAttribute("aria-label", "Enlarge chart: " + (img.alt || "").slice(0, 80));
        b.addEventListener("click", function () { lightbox(img); });
        img.insertAdjacentElement("afterend", b);
      } else if (!small && has) {
        next.remove();
      }
    });
  }

  document.addEventListener("click", function (ev) {
    var img = ev.target;
    if (img && img.tagName === "IMG" && img.classList.contains("csmlab-figure")
        && !img.closest("dialog")) {
      lightbox(img);
    }
  });

  function start() {
    update();
    document.querySelectorAll("img.csmlab-figure").forEach(function (img) {
      if (!img.complete) img.addEventListener("load", update);
    });
    var t = null;
    window.addEventListener("resize", function () { clearTimeout(t); t = setTimeout(update, 150); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
