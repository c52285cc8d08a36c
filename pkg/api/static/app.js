// claimwatch dashboard: the live panel. Events come from the server over
// Server-Sent Events; every value is inserted with textContent, never as
// HTML, because it came from a feed.
(function () {
  "use strict";
  var list = document.getElementById("live");
  if (!list || !window.EventSource) { return; }
  var dot = document.getElementById("live-dot");
  var empty = document.getElementById("live-empty");
  var story = list.getAttribute("data-story") || "";
  var maxItems = 50;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text) { e.textContent = text; }
    return e;
  }

  function number(v) {
    return typeof v === "number" ? v.toLocaleString("en-US") : String(v);
  }

  function quantity(q) {
    if (!q) { return ""; }
    return [q.hedge, number(q.value), q.unit].filter(Boolean).join(" ");
  }

  function claimText(c) {
    if (!c) { return ""; }
    if (c.kind === "quantity") { return quantity(c.quantity) + (c.subject ? " — " + c.subject : ""); }
    if (c.kind === "quote") { return "“" + c.content + "”"; }
    return c.content || c.text || "";
  }

  function add(li) {
    if (empty) { empty.hidden = true; }
    li.classList.add("fresh");
    list.insertBefore(li, list.firstChild);
    while (list.children.length > maxItems) { list.removeChild(list.lastChild); }
  }

  function wanted(ev) {
    return !story || (ev.article && ev.article.story_id === story);
  }

  function onClaim(msg) {
    var ev = JSON.parse(msg.data);
    if (!wanted(ev) || !ev.claim) { return; }
    var li = el("li");
    var who = ev.claim.speaker || ev.claim.source || "";
    if (who) { li.appendChild(el("strong", "", who + ": ")); }
    li.appendChild(el("span", "", claimText(ev.claim)));
    var meta = [ev.claim.kind];
    if (ev.article && ev.article.title) { meta.push(ev.article.title); }
    li.appendChild(el("div", "meta", meta.join(" · ")));
    add(li);
  }

  function onConflict(msg) {
    var ev = JSON.parse(msg.data);
    var c = ev.conflict;
    if (!c) { return; }
    var inStory = wanted(ev) || (c.article_a && c.article_a.story_id === story) || (c.article_b && c.article_b.story_id === story);
    if (!inStory) { return; }
    var li = el("li", "conflict");
    li.appendChild(el("strong", "", "Conflict: " + (c.subject || "")));
    li.appendChild(el("div", "", quantity(c.a && c.a.quantity) + " vs " + quantity(c.b && c.b.quantity)));
    var srcs = [c.a && c.a.source, c.b && c.b.source].filter(Boolean);
    if (srcs.length) { li.appendChild(el("div", "meta", srcs.join(" / "))); }
    add(li);
  }

  function onSpread(msg) {
    var ev = JSON.parse(msg.data);
    if (!wanted(ev) || !ev.claim) { return; }
    var li = el("li");
    li.appendChild(el("strong", "", "Spreading: "));
    li.appendChild(el("span", "", claimText(ev.claim)));
    li.appendChild(el("div", "meta", "now reported by " + number(ev.outlets || 0) + " outlets"));
    add(li);
  }

  var es = new EventSource("/api/v1/events");
  es.addEventListener("claim.spread", onSpread);
  es.addEventListener("claim.new", onClaim);
  es.addEventListener("claim.conflict", onConflict);
  es.onopen = function () { dot.className = "dot on"; dot.title = "connected"; };
  es.onerror = function () { dot.className = "dot off"; dot.title = "reconnecting"; };
})();
