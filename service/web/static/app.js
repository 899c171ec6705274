// pressbrief web page: calls POST /v1/extract (numbers, fast), then starts a brief job (POST /v1/jobs)
// and follows its Server-Sent Events (/v1/jobs/{id}/events: stage, chunk, tokens, guard) until it ends.
// Offsets from the API count Unicode code points, so text is indexed through Array.from().
"use strict";

const $ = (id) => document.getElementById(id);
let controller = null;
let currentJob = null;  // the running job's id, cancelled (DELETE) when the user presses Stop
let apiKey = sessionStorage.getItem("pressbrief-key") || "";

function setState(state, message) {
  document.body.dataset.state = state;
  $("status").textContent = message || "";
}

function showError(message) {
  $("error").textContent = message;
  $("error").hidden = !message;
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "dataset") Object.assign(node.dataset, v);
    else node.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

async function api(path, body, signal, method) {
  const headers = { "Content-Type": "application/json" };
  if (apiKey) headers.Authorization = "Bearer " + apiKey;
  const init = { method: method || "POST", headers, signal };
  if (body !== undefined && body !== null) init.body = JSON.stringify(body);
  const resp = await fetch(path, init);
  let data = null;
  try { data = await resp.json(); } catch (e) { data = null; }
  if (!resp.ok) {
    const err = new Error((data && data.error && data.error.message) || `HTTP ${resp.status}`);
    err.status = resp.status;
    err.code = data && data.error && data.error.code;
    err.retryAfter = resp.headers.get("Retry-After");
    throw err;
  }
  return data;
}

// ---- jobs: follow a job's event stream (fetch, so the API key header goes along) -------------
async function followJob(jobId, signal, onEvent) {
  const headers = {};
  if (apiKey) headers.Authorization = "Bearer " + apiKey;
  const resp = await fetch(`/v1/jobs/${jobId}/events`, { headers, signal });
  if (!resp.ok || !resp.body) throw new Error(`events: HTTP ${resp.status}`);
  const reader = resp.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replace(/\r\n/g, "\n");
    let cut;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      let type = "message";
      const data = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event:")) type = line.slice(6).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
      }
      if (!data.length) continue;
      let payload = {};
      try { payload = JSON.parse(data.join("\n")); } catch (e) { payload = {}; }
      if (onEvent(type, payload) === "end") return;
    }
  }
}

function describe(type, data, tokens) {
  if (type === "queued") return "Queued…";
  if (type === "running") return "Started…";
  if (type === "tokens") return `Writing the briefs… ${data.tokens} tokens`;
  if (data.message) return data.message + (tokens ? ` · ${tokens} tokens` : "");
  return null;
}

// ---- numbers -------------------------------------------------------------------------------
const SCALE_EN = { thousand: 1e3, k: 1e3, million: 1e6, mn: 1e6, billion: 1e9, bn: 1e9, trillion: 1e12, tn: 1e12 };
const NUM_EN = /(?<![\w.])(?:(?:RMB|CNY|US\$|HK\$|\$|¥|€)\s?)?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(st|nd|rd|th)?(?:\s?(thousand|million|billion|trillion|bn|mn|tn|k)(?![A-Za-z]))?(?:\s?(%|percent(?:age points?)?|per cent|pp(?![A-Za-z])))?/gi;
const NUM_ZH = /(\d+(?:,\d{3})*(?:\.\d+)?)(万亿|万|亿|千)?(?:%|％|个百分点)?/g;
const SCALE_ZH = { "千": 1e3, "万": 1e4, "亿": 1e8, "万亿": 1e12 };

function numbersIn(text, re, scales) {
  const out = [];
  re.lastIndex = 0;
  let m;
  while ((m = re.exec(text)) !== null) {
    const raw = m[1].replace(/,/g, "");
    const scaleWord = (re === NUM_EN ? m[3] : m[2]) || "";
    const scale = scales[scaleWord.toLowerCase()] || scales[scaleWord] || 1;
    const decimals = raw.includes(".") ? raw.split(".")[1].length : 0;
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0],
      value: parseFloat(raw) * scale, quantum: Math.pow(10, -decimals) * scale });
  }
  return out;
}

function candidateValues(h) {
  const vals = [];
  const push = (v) => { const n = typeof v === "number" ? v : parseFloat(v); if (!Number.isNaN(n)) vals.push(n); };
  push(h.value); push(h.upper);
  if (h.change) push(h.change.value);
  if (h.rank) push(h.rank.position);
  for (const n of numbersIn(h.rendered_en || "", NUM_EN, SCALE_EN)) vals.push(n.value);
  for (const s of [h.text, h.period, h.date_iso]) for (const d of String(s || "").match(/\d+(?:\.\d+)?/g) || []) push(d);
  return vals;
}

function matchRow(num, rows) {
  if (!rows) return null;
  const hits = rows.filter((r) => r.values.some((v) => Math.abs(v - num.value) <= num.quantum / 2 + 1e-9));
  if (!hits.length) return null;
  return hits.find((r) => (r.h.rendered_en || "").includes(num.text.trim())) || hits[0];
}

// The mark after a brief sentence: its Chinese source on hover (title), a click shows it in the notes below.
function sourceMark(m) {
  if (!m.quote) return el("sup", { class: "src-mark none", title: "no source sentence recorded" }, "[–]");
  const a = el("a", { href: "#" + m.id, title: m.quote }, `[${m.i}]`);
  a.addEventListener("click", (ev) => { ev.preventDefault(); focusMark(m.id); });
  return el("sup", { class: "src-mark" }, a);
}

// Where each of result.sentences[lang] ends in the brief, with its sources quoted from the release.
function sentenceMarks(brief, items, source, prefix) {
  const cps = Array.from(source || "");
  const marks = [];
  let pos = 0;
  (Array.isArray(items) ? items : []).forEach((item, k) => {
    if (!item || typeof item.text !== "string" || !item.text) return;
    const at = (brief || "").indexOf(item.text, pos);
    if (at < 0) return;
    pos = at + item.text.length;
    const quote = (item.sources || [])
      .filter((s) => s && Number.isInteger(s.start) && Number.isInteger(s.end) && s.start < s.end)
      .map((s) => cps.slice(s.start, s.end).join("").replace(/\s*\n\s*/g, "").trim())
      .filter(Boolean).join(" … ");
    marks.push({ at: pos, i: k + 1, quote, id: `${prefix}-${k + 1}` });
  });
  return marks;
}

function sourceNotes(marks) {
  const items = marks.filter((m) => m.quote).map((m) => el("li", { id: m.id }, el("q", { lang: "zh-Hans" }, m.quote)));
  return items.length ? el("ol", { class: "sources", "aria-label": "Source sentences" }, ...items) : null;
}

function linkedParagraphs(text, links, marks) {
  const frag = document.createDocumentFragment();
  if (!text) { frag.append(el("p", { class: "none" }, "Not asked for, or none produced.")); return frag; }
  let p = el("p");
  let pos = 0;
  const flush = (s) => {
    const parts = s.split("\n");
    parts.forEach((part, i) => {
      if (i > 0) { if (p.childNodes.length) frag.append(p); p = el("p"); }
      if (part) p.append(part);
    });
  };
  const pending = [...(marks || [])];
  const upTo = (end) => {  // the text up to `end`, with the sentence marks on the way
    while (pending.length && pending[0].at <= end) {
      const m = pending.shift();
      if (m.at > pos) { flush(text.slice(pos, m.at)); pos = m.at; }
      p.append(sourceMark(m));
    }
    if (end > pos) { flush(text.slice(pos, end)); pos = end; }
  };
  for (const l of links) {
    if (l.start < pos) continue;
    upTo(l.start);
    if (l.row) {
      const a = el("a", { class: "num", href: "#hl-" + l.row.n, dataset: { row: l.row.n } }, text.slice(l.start, l.end));
      a.addEventListener("mouseenter", () => hot(l.row.n, true));
      a.addEventListener("mouseleave", () => hot(l.row.n, false));
      a.addEventListener("click", (ev) => { ev.preventDefault(); focusRow(l.row.n); });
      p.append(a);
    } else if (l.src) {
      const a = el("a", { class: "num srcref", href: "#" + l.src.id, title: "in the source, not among the highlights" },
        text.slice(l.start, l.end));
      a.addEventListener("click", (ev) => { ev.preventDefault(); focusMark(l.src.id); });
      p.append(a);
    } else {
      p.append(el("span", { class: "num unlinked", title: "not found in the source" }, text.slice(l.start, l.end)));
    }
    pos = l.end;
  }
  upTo(text.length);
  if (p.childNodes.length) frag.append(p);
  const notes = sourceNotes(marks || []);
  if (notes) frag.append(notes);
  return frag;
}

function withSource(link, sources) {
  if (!link.row) link.src = matchRow(link, sources);
  return link;
}

function linksEn(text, rows, sources) {
  return numbersIn(text || "", NUM_EN, SCALE_EN).map((n) => withSource({ ...n, row: matchRow(n, rows) }, sources));
}

function linksZh(text, rows, sources) {
  if (!text) return [];
  const taken = new Array(text.length).fill(false);
  const links = [];
  for (const r of [...rows].sort((a, b) => (b.h.text || "").length - (a.h.text || "").length)) {
    const key = r.h.text || "";
    if (!/[\d一二三四五六七八九十百千万亿两]/.test(key)) continue;
    let i = text.indexOf(key);
    while (i >= 0) {
      if (!taken.slice(i, i + key.length).some(Boolean)) {
        for (let k = i; k < i + key.length; k++) taken[k] = true;
        links.push({ start: i, end: i + key.length, row: r });
      }
      i = text.indexOf(key, i + key.length);
    }
  }
  for (const n of numbersIn(text, NUM_ZH, SCALE_ZH)) {
    if (taken.slice(n.start, n.end).some(Boolean)) continue;
    links.push(withSource({ ...n, row: matchRow(n, rows) }, sources));
  }
  return links.sort((a, b) => a.start - b.start);
}

// ---- rendering -----------------------------------------------------------------------------
function ordinal(n) {
  const s = n % 100 >= 11 && n % 100 <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" }[n % 10] || "th");
  return n + s;
}

function fmtChange(c) {
  if (!c) return "";
  const sign = { up: "+", down: "−" }[c.direction] || "";
  const unit = { "%": "%", pp: " pp" }[c.unit] ?? (c.unit ? " " + c.unit : "");
  const basis = { "同比": "YoY", "较去年同期": "YoY", "环比": "MoM", yoy: "YoY", seq: "seq." }[c.basis] ?? (c.basis || "");
  const v = c.value === null || c.value === undefined ? "" : Number(c.value).toLocaleString("en-US", { maximumFractionDigits: 6 });
  return `${sign}${v}${unit} ${basis}`.trim();
}

function fmtRank(r) {
  if (!r) return "";
  let scope = r.scope_en || r.scope || "";
  if (scope && /^[a-z]/.test(scope) && !scope.startsWith("the ")) scope = "the " + scope;
  const where = scope ? ` in ${scope}` : "";
  if (r.tier) return "top tier" + where;
  return Number.isInteger(r.position) ? ordinal(r.position) + where : scope;
}

// The clause a number came from (mirrors service/render/quote.py): line breaks inside a sentence
// are page breaks, not ends; a clause that starts like 同比增长 takes the clause before it too.
const CLAUSE_END = "。；;！!？?，,：:、";
const SENTENCE_END = "。；;！!？?";
const NEEDS_SUBJECT = /^(同比|环比|较|比|增长|下降|增加|减少|提高|降低|居|位居|排名|位列|列|占|达|达到|约|共|其中)/;
const squash = (s) => s.replace(/\s*\n\s*/g, "").replace(/[ \t\u3000]+/g, " ");

function isHeading(cps, start, end) {
  let lo = start;
  while (lo > 0 && !(cps[lo - 1] === "\n" && cps[lo - 2] === "\n")) lo--;
  let hi = end;
  while (hi < cps.length && !(cps[hi] === "\n" && cps[hi + 1] === "\n")) hi++;
  return !cps.slice(lo, hi).some((c) => (SENTENCE_END + "，,").includes(c));
}

function clause(cps, start, end) {
  let lo = start;
  let hi = end;
  if (isHeading(cps, start, end)) {
    while (lo > 0 && !/\s/.test(cps[lo - 1])) lo--;
    while (hi < cps.length && !/\s/.test(cps[hi])) hi++;
  } else {
    while (lo > 0 && start - lo < 40) {
      const ch = cps[lo - 1];
      if (CLAUSE_END.includes(ch)) {
        const c = squash(cps.slice(lo, end).join("")).trim();
        if ((c.length < 8 || NEEDS_SUBJECT.test(c)) && !SENTENCE_END.includes(ch)) { lo--; continue; }
        break;
      }
      if (ch === "\n" && cps[lo - 2] === "\n") {
        let k = lo - 2;
        while (k > 0 && /\s/.test(cps[k - 1])) k--;
        if (k === 0 || (SENTENCE_END + "”」").includes(cps[k - 1]) || isHeading(cps, k - 1, k)) break;
      }
      lo--;
    }
    while (hi < cps.length && hi - end < 40 && !CLAUSE_END.includes(cps[hi])) {
      if (cps[hi] === "\n" && cps[hi + 1] === "\n") {
        let k = hi;
        while (k < cps.length && /\s/.test(cps[k])) k++;
        if (k >= cps.length || isHeading(cps, k, k + 1)) break;
      }
      hi++;
    }
  }
  return [squash(cps.slice(lo, start).join("")).trim(), squash(cps.slice(start, end).join("")),
    squash(cps.slice(end, hi).join("")).trim()];
}

const PERIOD_EN = { "今年": "this year", "本年": "this year", "全年": "full year", "去年": "last year",
  "上年": "last year", "目前": "to date", "当前": "to date", "截至目前": "to date", "近年来": "recent years",
  "累计": "cumulative", "上半年": "H1", "下半年": "H2", "一季度": "Q1", "二季度": "Q2", "三季度": "Q3",
  "四季度": "Q4", "前三季度": "Q1–Q3", "本月": "this month", "上月": "last month" };

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function fmtPeriod(p) {
  if (!p) return "";
  const t = p.trim();
  if (PERIOD_EN[t]) return PERIOD_EN[t];
  const y = t.match(/^(\d{4})\s*年(度)?$/);
  if (y) return y[1];
  const end = t.match(/^(\d{4})\s*年\s*(底|末)$/);
  if (end) return "end-" + end[1];
  const md = t.match(/^(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?$/);
  if (md && +md[2] >= 1 && +md[2] <= 12) return [md[3], MONTHS[+md[2] - 1], md[1]].filter(Boolean).join(" ");
  const span = t.match(/^(?:(\d{4})\s*年\s*)?(\d{1,2})\s*(?:-|—|–|~|至|到)\s*(\d{1,2})\s*月$/);
  if (span && +span[2] >= 1 && +span[2] <= 12 && +span[3] >= 1 && +span[3] <= 12) {
    return `${MONTHS[+span[2] - 1]}–${MONTHS[+span[3] - 1]}` + (span[1] ? " " + span[1] : "");
  }
  return p;
}

function hot(n, on) {
  document.querySelectorAll(`[data-row="${n}"]`).forEach((x) => x.classList.toggle("hot", on));
  const tr = $("hl-" + n);
  if (tr) tr.classList.toggle("hot", on);
}

function focusRow(n) {
  const tr = $("hl-" + n);
  if (tr) tr.scrollIntoView({ block: "center", behavior: "smooth" });
  const mark = document.querySelector(`#source mark[data-row="${n}"]`);
  if (mark) mark.scrollIntoView({ block: "nearest" });
  hot(n, true);
  setTimeout(() => hot(n, false), 1500);
}

function focusMark(id) {
  const mark = $(id);
  if (!mark) return;
  mark.scrollIntoView({ block: "center", behavior: "smooth" });
  mark.classList.add("hot");
  setTimeout(() => mark.classList.remove("hot"), 1500);
}

// Marks every number of the source; returns the other (non-highlight) numbers as link targets.
function renderSource(text, highlights, mentions) {
  const cps = Array.from(text);
  const spans = [];
  highlights.forEach((h, i) => {
    if (Number.isInteger(h.start) && Number.isInteger(h.end)) spans.push({ start: h.start, end: h.end, row: i + 1 });
  });
  mentions.forEach((m, i) => {
    if (Number.isInteger(m.start) && Number.isInteger(m.end)) spans.push({ start: m.start, end: m.end, row: null, m, id: "src-" + i });
  });
  spans.sort((a, b) => a.start - b.start || (a.row ? -1 : 1));
  const box = $("source");
  box.textContent = "";
  const sources = [];
  let pos = 0;
  for (const s of spans) {
    if (s.start < pos || s.end > cps.length) continue;
    box.append(cps.slice(pos, s.start).join(""));
    const mark = el("mark", { class: s.row ? "metric" : "mention", id: s.row ? null : s.id,
      dataset: s.row ? { row: s.row } : {} }, cps.slice(s.start, s.end).join(""));
    if (!s.row) sources.push({ id: s.id, h: s.m, values: candidateValues(s.m) });
    if (s.row) {
      mark.title = `highlight ${s.row}`;
      mark.addEventListener("click", () => focusRow(s.row));
    }
    box.append(mark);
    pos = s.end;
  }
  box.append(cps.slice(pos).join(""));
  $("source-wrap").hidden = false;
  return sources;
}

function renderTable(text, highlights) {
  const cps = Array.from(text);
  const tbody = document.querySelector("#highlights tbody");
  tbody.textContent = "";
  const rows = highlights.map((h, i) => ({ n: i + 1, h, values: candidateValues(h) }));
  for (const r of rows) {
    const h = r.h;
    const [before, num, after] = Number.isInteger(h.start) ? clause(cps, h.start, h.end) : ["", h.text || "", ""];
    const label = el("td", {}, h.label_en || h.label || "");
    if (h.label_en && h.label) label.append(el("span", { class: "zh", lang: "zh-Hans" }, h.label));
    const tr = el("tr", { id: "hl-" + r.n },
      el("td", {}, r.n), label,
      el("td", { class: "value" }, h.rendered_en || h.text || ""),
      el("td", {}, fmtChange(h.change)), el("td", {}, fmtRank(h.rank)), el("td", {}, fmtPeriod(h.period)),
      el("td", { class: "src", lang: "zh-Hans" }, before, el("mark", {}, num), after));
    tr.addEventListener("click", () => focusRow(r.n));
    tr.addEventListener("mouseenter", () => hot(r.n, true));
    tr.addEventListener("mouseleave", () => hot(r.n, false));
    tbody.append(tr);
  }
  return rows;
}

function renderBriefs(result, rows, sources, langs, sourceText) {
  const said = result.sentences || {};
  const show = (card, box, text, links, asked, lang) => {
    $(card).hidden = !asked;
    $(box).textContent = "";
    $(box).append(linkedParagraphs(text, links, sentenceMarks(text, said[lang], sourceText, `src-${lang}`)));
  };
  show("card-en", "brief-en", result.brief_en, linksEn(result.brief_en, rows, sources), langs.includes("en"), "en");
  show("card-zh", "brief-zh", result.brief_zh, linksZh(result.brief_zh, rows, sources), langs.includes("zh"), "zh");
  show("card-hant", "brief-hant", result.brief_zh_hant, linksZh(result.brief_zh_hant, rows, sources),
    langs.includes("zh-Hant"), "zh-Hant");
  const g = result.guard || {};
  const t = result.timing || {};
  const bits = [`${g.checked ?? 0} numbers checked against the source`, `${g.repaired ?? 0} repaired`,
    `${g.dropped ?? 0} dropped`];
  if (g.fallback) bits.push("template fallback");
  if (t.total_s !== undefined) bits.push(`${Number(t.total_s).toFixed(1)} s`);
  if (result.model) bits.push(`model ${result.model}`);
  $("guard").textContent = bits.join(" · ");
  $("results").hidden = false;
}

// ---- flow ----------------------------------------------------------------------------------
async function submit(ev) {
  ev.preventDefault();
  const text = $("text").value;
  const langs = [...document.querySelectorAll('input[name="lang"]:checked')].map((x) => x.value);
  if (!text.trim()) { showError("Paste a release first."); return; }
  if (!langs.length) { showError("Pick at least one brief language."); return; }
  if (apiKey !== $("key").value && $("key").value) { apiKey = $("key").value; sessionStorage.setItem("pressbrief-key", apiKey); }
  showError("");
  $("results").hidden = true;
  controller = new AbortController();
  $("go").disabled = true;
  $("stop").hidden = false;
  const t0 = performance.now();
  let ticker = null;
  try {
    setState("extracting", "Finding the numbers…");
    const ex = await api("/v1/extract", { text }, controller.signal);
    const mentions = ex.mentions || [];
    const metrics = ex.metrics || [];
    renderSource(text, metrics, mentions);
    $("count").textContent = `${metrics.length} metric(s), ${(ex.mentions || []).length} number(s) in the source`;
    setState("generating", "Writing the briefs…");
    const max = parseInt($("max").value, 10);
    const body = { kind: "brief", text, langs };
    if (max > 0) body.max_highlights = max;
    const job = await api("/v1/jobs", body, controller.signal);
    currentJob = job.id;
    let line = "Queued…";
    let tokens = 0;
    ticker = setInterval(() => {
      $("status").textContent = `${line} (${((performance.now() - t0) / 1000).toFixed(0)} s)`;
    }, 500);
    let ended = job.state;
    if (!["done", "failed", "cancelled"].includes(job.state)) {
      await followJob(job.id, controller.signal, (type, data) => {
        if (type === "tokens") tokens = data.tokens;
        const said = describe(type, data, tokens);
        if (said) line = said;
        $("progress").textContent = line;
        if (["done", "failed", "cancelled"].includes(type)) { ended = type; return "end"; }
        return null;
      });
    }
    const final = await api(`/v1/jobs/${job.id}`, null, controller.signal, "GET");
    currentJob = null;
    if (final.state !== "done") {
      throw new Error(final.state === "cancelled" ? "The job was cancelled."
        : (final.error && final.error.message) || `The job ended ${final.state || ended}.`);
    }
    const result = final.result;
    const highlights = result.highlights || [];
    const rows = renderTable(text, highlights);
    const sources = renderSource(text, highlights, mentions);
    renderBriefs(result, rows, sources, langs, text);
    setState("done", `Done in ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
  } catch (err) {
    if (err.name === "AbortError") {
      if (currentJob) api(`/v1/jobs/${currentJob}`, null, undefined, "DELETE").catch(() => null);
      currentJob = null;
      setState("idle", "Stopped.");
      return;
    }
    if (err.status === 401) $("auth").hidden = false;
    const hint = err.status === 503 && err.retryAfter ? ` (try again in ${err.retryAfter} s)` : "";
    showError(err.message + hint);
    setState("error", "");
  } finally {
    clearInterval(ticker);
    $("go").disabled = false;
    $("stop").hidden = true;
    controller = null;
  }
}

async function pollModel() {
  try {
    const resp = await fetch("/readyz");
    const data = await resp.json().catch(() => ({}));
    const pill = $("model");
    if (resp.ok) {
      pill.textContent = `model: ${data.model || "ready"}`;
      pill.className = "pill ready";
      return;
    }
    pill.textContent = (data.error && data.error.message) || "model loading…";
    pill.className = resp.status === 503 ? "pill" : "pill down";
  } catch (e) {
    $("model").textContent = "server unreachable";
    $("model").className = "pill down";
  }
  setTimeout(pollModel, 3000);
}

document.addEventListener("DOMContentLoaded", () => {
  $("form").addEventListener("submit", submit);
  $("stop").addEventListener("click", () => controller && controller.abort());
  $("text").addEventListener("input", () => {
    $("count").textContent = `${Array.from($("text").value).length.toLocaleString()} characters`;
  });
  if (apiKey) $("key").value = apiKey;
  pollModel();
  setState("idle", "");
});
