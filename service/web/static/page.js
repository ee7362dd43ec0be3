"use strict";
// The claims page: POST the pasted text to v1/extract, then draw the answer's spans
// from their offsets (never by searching strings). Every piece of text is added as a
// text node; nothing the user or the server wrote is ever parsed as HTML.
(() => {
  const byId = (id) => document.getElementById(id);
  const form = byId("extract-form");
  const textInput = byId("text");
  const dateInput = byId("published-at");
  const button = byId("extract");
  const statusLine = byId("status");
  const errorBox = byId("error");
  const results = byId("results");
  const article = byId("article");
  const claimList = byId("claims");
  // Other stories' teasers (section "related") are listed apart, after the article's claims.
  const relatedList = byId("related-claims");
  const relatedParts = [byId("related-heading"), byId("related-hint"), relatedList];
  const detail = byId("detail");

  // Which list of the response each highlight kind reads, and which claim field links to it.
  const LINKS = { quotes: "speaker", quantities: "quantity", dates: "date" };
  let current = null; // { body, selected }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // The API counts offsets in code points (Python); JavaScript strings index UTF-16 units.
  function codePointToUnit(text) {
    const units = [0];
    let unit = 0;
    for (const character of text) {
      unit += character.length;
      units.push(unit);
    }
    return (offset) => units[Math.max(0, Math.min(offset, units.length - 1))];
  }

  // Keep the longest spans, then the earliest, dropping any that overlap one kept.
  function withoutOverlaps(spans) {
    const ordered = [...spans].sort((a, b) => (b.end - b.start) - (a.end - a.start) || a.start - b.start);
    const kept = [];
    for (const span of ordered) {
      if (span.end > span.start && kept.every((k) => span.end <= k.start || span.start >= k.end)) kept.push(span);
    }
    return kept.sort((a, b) => a.start - b.start);
  }

  function highlightsOf(body, unit) {
    const spans = [];
    const add = (kind, index, span, label) =>
      spans.push({ kind, index, start: unit(span.start), end: unit(span.end), label });
    (body.quotes || []).forEach((q, i) => {
      if (q.speaker) add("speaker", i, q.speaker, q.speaker.name || q.speaker.text);
    });
    (body.quantities || []).forEach((q, i) => add("quantity", i, q, q.text));
    (body.dates || []).forEach((d, i) => add("date", i, d, d.value ? `${d.text} = ${d.value}` : d.text));
    return withoutOverlaps(spans);
  }

  function claimRegionsOf(body, unit) {
    const regions = [];
    (body.claims || []).forEach((claim, i) => {
      for (const span of [claim, ...(claim.occurrences || [])]) {
        regions.push({ claim: i, start: unit(span.start), end: unit(span.end), repeat: span !== claim,
                       related: claim.section === "related" });
      }
    });
    return withoutOverlaps(regions);
  }

  function claimNode(region) {
    const node = element("span", ["claim", region.repeat && "repeat", region.related && "related"]
      .filter(Boolean).join(" "));
    node.dataset.claim = String(region.claim);
    node.tabIndex = 0;
    node.setAttribute("role", "button");
    return node;
  }

  function markNode(span) {
    const node = element("mark", `hl hl-${span.kind}`);
    node.dataset.kind = span.kind;
    node.dataset.index = String(span.index);
    node.title = `${span.kind}: ${span.label}`;
    return node;
  }

  // Cut the text at every span boundary; each piece goes into its claim and its highlight.
  function drawArticle(text, body) {
    const unit = codePointToUnit(text);
    const regions = claimRegionsOf(body, unit);
    const marks = highlightsOf(body, unit);
    const cuts = new Set([0, text.length]);
    for (const span of [...regions, ...marks]) { cuts.add(span.start); cuts.add(span.end); }
    const bounds = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
    const fragment = document.createDocumentFragment();
    let r = 0, m = 0, claimParent = null, claimOf = null;
    for (let i = 0; i + 1 < bounds.length; i++) {
      const [start, end] = [bounds[i], bounds[i + 1]];
      while (r < regions.length && regions[r].end <= start) r++;
      while (m < marks.length && marks[m].end <= start) m++;
      const region = regions[r] && regions[r].start <= start ? regions[r] : null;
      const mark = marks[m] && marks[m].start <= start ? marks[m] : null;
      let parent = fragment;
      if (region) {
        if (claimOf !== region) { claimParent = claimNode(region); fragment.append(claimParent); claimOf = region; }
        parent = claimParent;
      } else {
        claimOf = null;
      }
      const piece = text.slice(start, end);
      if (mark) {
        const node = markNode(mark);
        node.append(piece);
        parent.append(node);
      } else {
        parent.append(piece);
      }
    }
    article.replaceChildren(fragment);
  }

  function drawClaimList(body) {
    const items = [], related = [];
    (body.claims || []).forEach((claim, i) => {
      const item = element("li");
      const choose = element("button", "claim-item");
      choose.type = "button";
      choose.dataset.claim = String(i);
      choose.setAttribute("aria-pressed", "false");
      const score = typeof claim.score === "number" ? claim.score.toFixed(2) : "–";
      choose.append(
        element("span", "score", score),
        element("span", claim.speaker ? "who" : "who none", claim.speaker || "no speaker"),
        element("span", "gist", claim.text),
      );
      const what = claim.section === "related" ? "Other story" : "Claim";
      choose.setAttribute("aria-label", `${what} ${i + 1}, score ${score}: ${claim.text}`);
      item.append(choose);
      (claim.section === "related" ? related : items).push(item);
    });
    claimList.replaceChildren(...items);
    relatedList.replaceChildren(...related);
    for (const part of relatedParts) part.hidden = related.length === 0;
  }

  // A claim's field: text for scalars, the referenced spans for index lists, JSON otherwise.
  function fieldValue(body, key, value) {
    if (value === null || value === undefined) return element("span", "null", "null");
    if (typeof value !== "object") return document.createTextNode(String(value));
    const target = body[key];
    if (Array.isArray(value) && Array.isArray(target) && value.every((v) => Number.isInteger(v) && target[v])) {
      if (value.length === 0) return element("span", "null", "none");
      const list = element("ul");
      for (const index of value) list.append(element("li", null, `[${index}] ${target[index].text}`));
      return list;
    }
    return element("pre", null, JSON.stringify(value, null, 2));
  }

  function detailHeading(text) {
    const heading = element("h2", null, text);
    heading.id = "detail-heading";
    return heading;
  }

  function drawDetail(body, index) {
    const claim = body.claims[index];
    const fields = element("dl");
    for (const [key, value] of Object.entries(claim)) {
      const dd = element("dd");
      dd.dataset.field = key;
      dd.append(fieldValue(body, key, value));
      fields.append(element("dt", null, key), dd);
    }
    detail.replaceChildren(detailHeading(`Claim ${index + 1} of ${body.claims.length}`), fields);
  }

  function select(index, from) {
    if (!current || !current.body.claims[index]) return;
    const { body } = current;
    current.selected = index;
    for (const node of article.querySelectorAll(".claim.selected, .hl.linked")) node.classList.remove("selected", "linked");
    for (const list of [claimList, relatedList]) {
      for (const node of list.querySelectorAll("[aria-pressed='true']")) node.setAttribute("aria-pressed", "false");
    }
    const inText = article.querySelectorAll(`.claim[data-claim="${index}"]`);
    for (const node of inText) node.classList.add("selected");
    const claim = body.claims[index];
    for (const [field, kind] of Object.entries(LINKS)) {
      for (const linked of claim[field] || []) {
        const mark = article.querySelector(`.hl[data-kind="${kind}"][data-index="${Number(linked)}"]`);
        if (mark) mark.classList.add("linked");
      }
    }
    const inList = (claim.section === "related" ? relatedList : claimList)
      .querySelector(`.claim-item[data-claim="${index}"]`);
    if (inList) inList.setAttribute("aria-pressed", "true");
    if (from === "text" && inList) inList.scrollIntoView({ block: "nearest" });
    if (from === "list" && inText[0]) inText[0].scrollIntoView({ block: "nearest" });
    drawDetail(body, index);
  }

  function summary(body) {
    const count = (key) => (body[key] || []).length;
    const ms = body.meta && body.meta.timing && body.meta.timing.extraction_ms;
    const took = typeof ms === "number" ? ` in ${Math.round(ms)} ms` : "";
    return `${count("claims")} claims, ${count("quantities")} quantities, ${count("dates")} dates, ` +
      `${count("quotes")} attributions${took}.`;
  }

  function showError(message) {
    errorBox.textContent = message || "";
    errorBox.hidden = !message;
  }

  // RFC 9457: the problem's `detail` says what went wrong in words the user can act on.
  function problemMessage(response, problem) {
    const title = (problem && problem.title) || response.statusText || "Error";
    const detailText = problem && typeof problem.detail === "string" ? `: ${problem.detail}` : "";
    return `${title} (${response.status})${detailText}`;
  }

  async function readJson(response) {
    try {
      return await response.json();
    } catch {
      return null;
    }
  }

  async function extract() {
    const text = textInput.value;
    const payload = { text };
    if (dateInput.value) payload.published_at = dateInput.value;
    showError(null);
    button.disabled = true;
    form.setAttribute("aria-busy", "true");
    statusLine.textContent = "Extracting…";
    try {
      const response = await fetch("v1/extract", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json, application/problem+json" },
        body: JSON.stringify(payload),
      });
      const body = await readJson(response);
      if (!response.ok || !body) {
        statusLine.textContent = "";
        showError(problemMessage(response, body));
        return;
      }
      current = { body, selected: null };
      drawArticle(text, body);
      drawClaimList(body);
      detail.replaceChildren(detailHeading("Claim details"), element("p", "hint", "Select a claim in the list or in the text."));
      results.hidden = false;
      statusLine.textContent = summary(body);
    } catch (error) {
      statusLine.textContent = "";
      showError(`The request failed: ${error.message}`);
    } finally {
      button.disabled = false;
      form.removeAttribute("aria-busy");
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    extract();
  });
  textInput.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  for (const list of [claimList, relatedList]) {
    list.addEventListener("click", (event) => {
      const choice = event.target.closest(".claim-item");
      if (choice) select(Number(choice.dataset.claim), "list");
    });
  }
  article.addEventListener("click", (event) => {
    const claim = event.target.closest(".claim");
    if (claim) select(Number(claim.dataset.claim), "text");
  });
  article.addEventListener("keydown", (event) => {
    const claim = event.target.closest(".claim");
    if (claim && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      select(Number(claim.dataset.claim), "text");
    }
  });
})();
