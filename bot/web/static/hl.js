// Highlights the lines a #L6-L8 fragment names (#L6 alone needs no script).
(function () {
  function mark() {
    document.querySelectorAll(".ln.target").forEach(function (e) { e.classList.remove("target"); });
    var m = /^#L(\d+)-L?(\d+)$/.exec(location.hash);
    if (!m) return;
    var a = +m[1], b = +m[2], first = null;
    document.querySelectorAll(".ln").forEach(function (e) {
      var n = +e.querySelector(".n").textContent;
      if (n >= a && n <= b) { e.classList.add("target"); if (!first) first = e; }
    });
    if (first) first.scrollIntoView();
  }
  window.addEventListener("hashchange", mark);
  mark();
})();
