/* The pages' only script: uploads with progress, corrections, merging
   units, printing. Plain JavaScript, no library, nothing loaded from
   elsewhere. Every write goes to the JSON API (POST /documents, /batches,
   PATCH /plans/{id}, /tasks/{id}, /units/{name}); when the server wants a
   token the user is asked once per tab. */
"use strict";

const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

/* --- the write token ------------------------------------------------------- */

const TOKEN_KEY = "jihua-token";
const token = () => sessionStorage.getItem(TOKEN_KEY) || "";

function authHeaders() {
  return token() ? { Authorization: "Bearer " + token() } : {};
}

/* Shows the token dialog; resolves true once a token is entered, false if
   the user cancels. */
function askToken() {
  const dialog = $("#token-dialog");
  const input = $("#token-input");
  dialog.hidden = false;
  input.value = "";
  input.focus();
  return new Promise((resolve) => {
    const done = (ok) => {
      dialog.hidden = true;
      $("#token-form").onsubmit = null;
      $("#token-cancel").onclick = null;
      resolve(ok);
    };
    $("#token-form").onsubmit = (e) => {
      e.preventDefault();
      sessionStorage.setItem(TOKEN_KEY, input.value.trim());
      done(true);
    };
    $("#token-cancel").onclick = () => done(false);
  });
}

/* fetch with the token; a 401 asks for it and tries again. */
async function writeJson(method, url, body) {
  for (;;) {
    let r;
    try {
      r = await fetch(url, {
        method,
        headers: { "Content-Type": "application/json", ...authHeaders() },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      return { ok: false, status: 0, message: "连接服务器失败：请确认服务正在运行，然后再试。" };
    }
    if (r.status === 401 && (await askToken())) continue;
    let data = null;
    try { data = await r.json(); } catch (e) { /* 204 has no body */ }
    const message = data && data.error ? data.error.message : r.ok ? "" : `服务器回答 ${r.status}`;
    return { ok: r.ok, status: r.status, data, message };
  }
}

function say(node, text, ok) {
  node.textContent = text;
  node.classList.toggle("ok", ok === true);
  node.classList.toggle("bad", ok === false);
}

/* --- upload ---------------------------------------------------------------- */

const STATUS_WORDS = {
  stored: "已保存", duplicate: "重复（同一批里出现两次）", skipped: "以前上传过", ignored: "已忽略", error: "出错",
};

function sizeText(bytes) {
  return bytes >= 1048576 ? (bytes / 1048576).toFixed(1) + " MB" : Math.max(1, Math.round(bytes / 1024)) + " KB";
}

/* What to do about an upload that was refused, in plain words. */
function advice(status, message) {
  if (status === 0) return "连接服务器失败：请确认服务正在运行，网络正常，然后重新上传。";
  if (status === 413) return "文件太大：请把大的 PDF 拆成几个文件，或压缩其中的图片，再上传；压缩包可以分成几个小的。";
  if (status === 401) return "需要写入口令：请向管理员要口令后再上传。";
  if (status === 503) return "服务器正忙：请稍等一会儿再上传。";
  if (status >= 500) return "服务器内部出错，不是您的问题：请把这个文件和上传时间告诉管理员。";
  if (/加密|密码/.test(message)) return "文件设置了密码：请在 Word/WPS 或 PDF 阅读器里去掉密码，另存后再上传。";
  if (/压缩炸弹|路径穿越|压缩包/.test(message)) return "压缩包有问题：请在电脑上解压后检查里面的文件，重新打包（或直接上传里面的文件）。";
  if (/不接受|不支持|二进制|Excel|PowerPoint/.test(message)) return "这种文件不能读取：请上传工作计划的 Word（.docx、.doc）、PDF、文本（.txt）文件或扫描图片；表格请另存为 Word 或 PDF。";
  if (/没有文字|空的/.test(message)) return "文件里没有读到文字：如果是扫描件，请确认图片清晰；否则请打开文件检查内容。";
  if (/损坏|不完整/.test(message)) return "文件已损坏：请用 Word/WPS 或 PDF 阅读器打开它，另存一份后再上传。";
  return "请确认它是能正常打开的工作计划文件；可以在 Word/WPS 中打开后另存为 .docx 再上传。";
}

class Upload {
  constructor(list, onChange) {
    this.queue = [];
    this.items = [];
    this.running = false;
    this.list = list;
    this.onChange = onChange;
  }

  add(files) {
    for (const file of files) {
      const node = $("#file-row").content.firstElementChild.cloneNode(true);
      $(".file-name", node).textContent = file.name;
      $(".file-size", node).textContent = sizeText(file.size);
      const bar = $("progress", node);
      bar.setAttribute("aria-label", file.name + " 的进度");
      const item = { file, node, bar, progress: 0, finished: false };
      this.status(item, "等待上传…");
      this.list.append(node);
      this.items.push(item);
      this.queue.push(item);
    }
    this.onChange();
    if (!this.running) this.run();
  }

  async run() {
    this.running = true;
    while (this.queue.length) await this.one(this.queue.shift());
    this.running = false;
  }

  set(item, fraction) {
    item.progress = Math.max(item.progress, Math.min(1, fraction));
    item.bar.value = Math.round(item.progress * 100);
    this.onChange();
  }

  status(item, text) {
    $(".file-status", item.node).textContent = text;
  }

  send(url, file, item) {
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open("POST", url);
      for (const [k, v] of Object.entries(authHeaders())) xhr.setRequestHeader(k, v);
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) this.set(item, 0.5 * (e.loaded / e.total));
      };
      xhr.upload.onload = () => {
        this.set(item, 0.5);
        this.status(item, "已上传，正在解析…");
      };
      xhr.onload = () => {
        let body = null;
        try { body = JSON.parse(xhr.responseText); } catch (e) { /* not JSON */ }
        resolve({ status: xhr.status, body });
      };
      xhr.onerror = () => resolve({ status: 0, body: null });
      const form = new FormData();
      form.append("files", file, file.name);
      xhr.send(form);
    });
  }

  async one(item) {
    const zip = /\.zip$/i.test(item.file.name);
    this.status(item, "正在上传…");
    let r;
    for (;;) {
      r = await this.send(zip ? "/batches" : "/documents", item.file, item);
      if (r.status === 401 && (await askToken())) continue;
      break;
    }
    if (r.status === 200 || r.status === 201) this.documents(item, r.body.documents);
    else if (r.status === 202) await this.follow(item, r.body);
    else this.failed(item, r.status, r.body && r.body.error ? r.body.error.message : "");
    item.finished = true;
    this.set(item, 1);
  }

  failed(item, status, message) {
    item.node.classList.add("failed");
    this.status(item, "没有保存：" + (message || `服务器回答 ${status}`));
    $(".file-result", item.node).replaceChildren(el("p", { class: "advice", text: "怎么办：" + advice(status, message || "") }));
  }

  documents(item, docs) {
    item.node.classList.add("done");
    const result = $(".file-result", item.node);
    result.replaceChildren();
    const plans = docs.flatMap((d) => d.plans);
    const tasks = plans.reduce((n, p) => n + p.task_count, 0);
    const dup = docs.every((d) => d.duplicate);
    if (!plans.length) {
      this.status(item, dup ? "以前上传过这个文件，没有重复保存；其中没有找到计划。" : "已保存，但没有找到计划。");
      result.append(el("p", { class: "advice", text: "怎么办：这个文件里可能没有“××工作计划”“工作要点”一类的标题或条目。请确认上传的是工作计划；如果是，请把文件交给管理员看看。" }));
    } else {
      this.status(item, (dup ? "以前上传过这个文件，没有重复保存。" : "已保存。") + `找到 ${plans.length} 个计划，共 ${tasks} 项任务：`);
      const ul = el("ul");
      for (const p of plans) {
        const who = [p.unit || "未识别单位", p.year ? p.year + " 年" : "年份未写明"].join(" · ");
        ul.append(el("li", {}, el("a", { href: "/ui/plans/" + p.id, text: p.title || "（无标题）" }), `（${who}，${p.task_count} 项任务）`));
      }
      result.append(ul);
    }
    const warnings = docs.flatMap((d) => d.warnings);
    if (warnings.length) {
      result.append(el("p", { class: "warn", text: "提示：" + warnings.join("；") }));
    }
  }

  /* A batch (a zip, or a scan read by OCR) is parsed in the background:
     follow its job until it ends. */
  async follow(item, job) {
    const started = Date.now();
    for (;;) {
      const total = Math.max(job.total, 1);
      this.set(item, 0.5 + 0.5 * (job.done / total));
      this.status(item, job.total ? `正在解析：${job.done} / ${job.total} 个文件` : "正在解析…");
      if (!["queued", "running"].includes(job.status)) break;
      if (Date.now() - started > 30 * 60 * 1000) {
        this.status(item, "解析时间太长，页面不再等待；稍后在计划列表里查看结果。");
        return;
      }
      await new Promise((ok) => setTimeout(ok, 600));
      try {
        const r = await fetch("/jobs/" + encodeURIComponent(job.id));
        if (r.ok) job = await r.json();
      } catch (e) { /* the next poll tries again */ }
    }
    this.jobResult(item, job);
  }

  jobResult(item, job) {
    const result = $(".file-result", item.node);
    result.replaceChildren();
    if (job.status !== "done") {
      this.failed(item, 422, job.error || "解析中断");
      return;
    }
    item.node.classList.add(!job.failed ? "done" : job.stored || job.skipped ? "partial" : "failed");
    const parts = [`${job.total} 个文件：${job.stored} 个已保存`];
    if (job.skipped) parts.push(`${job.skipped} 个以前上传过`);
    if (job.duplicate) parts.push(`${job.duplicate} 个重复`);
    if (job.ignored) parts.push(`${job.ignored} 个不是计划，已忽略`);
    if (job.failed) parts.push(`${job.failed} 个出错`);
    const plans = job.results.reduce((n, f) => n + (f.plans || 0), 0);
    const tasks = job.results.reduce((n, f) => n + (f.tasks || 0), 0);
    this.status(item, parts.join("，") + `；找到 ${plans} 个计划，共 ${tasks} 项任务。`);
    const order = { error: 0, ignored: 1, stored: 2, skipped: 3, duplicate: 4 };
    const ul = el("ul");
    for (const f of [...job.results].sort((a, b) => order[a.status] - order[b.status])) {
      const li = el("li", {}, el("strong", { text: STATUS_WORDS[f.status] || f.status }), "：");
      if (f.document_id) li.append(el("a", { href: "/ui/documents/" + f.document_id, text: f.source }));
      else li.append(f.source);
      if (f.status === "stored") li.append(`（${f.plans} 个计划，${f.tasks} 项任务）`);
      if (f.error) li.append(el("div", { class: "advice", text: f.error + "。怎么办：" + advice(422, f.error) }));
      else if (f.note) li.append(el("span", { class: "hint", text: "（" + f.note + "）" }));
      ul.append(li);
    }
    result.append(ul);
  }
}

function setupUpload() {
  const drop = $("#drop");
  if (!drop) return;
  const input = $("#files");
  const batch = $("#batch");
  const upload = new Upload($("#file-list"), () => {
    batch.hidden = false;
    const items = upload.items;
    const done = items.filter((i) => i.finished).length;
    const avg = items.reduce((n, i) => n + i.progress, 0) / Math.max(items.length, 1);
    $("#batch-progress").value = Math.round(avg * 100);
    $("#batch-text").textContent = `已完成 ${done} / ${items.length} 个文件`;
  });
  input.addEventListener("change", () => {
    if (input.files.length) upload.add(Array.from(input.files));
    input.value = "";
  });
  for (const type of ["dragenter", "dragover"]) {
    drop.addEventListener(type, (e) => { e.preventDefault(); drop.classList.add("over"); });
  }
  for (const type of ["dragleave", "drop"]) {
    drop.addEventListener(type, () => drop.classList.remove("over"));
  }
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    if (e.dataTransfer && e.dataTransfer.files.length) upload.add(Array.from(e.dataTransfer.files));
  });
  // a file dropped beside the box is not opened by the browser instead
  window.addEventListener("dragover", (e) => e.preventDefault());
  window.addEventListener("drop", (e) => e.preventDefault());
}

/* --- corrections ----------------------------------------------------------- */

function reloadAt(hash, statusNode) {
  say(statusNode, "已保存，正在刷新…", true);
  if (hash) history.replaceState(null, "", "#" + hash);
  setTimeout(() => location.reload(), 150);
}

function setupPlanForm() {
  const form = $("#plan-form");
  if (!form) return;
  const status = $(".form-status", form);
  const save = async (body) => {
    say(status, "正在保存…");
    const r = await writeJson("PATCH", "/plans/" + form.dataset.planId, body);
    if (r.ok) reloadAt("", status);
    else say(status, "没有保存：" + r.message, false);
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const body = {};
    const unit = form.elements.unit;
    const year = form.elements.year;
    if (unit.value.trim() !== unit.dataset.initial) body.unit = unit.value.trim();
    if (year.value.trim() !== year.dataset.initial) body.year = year.value.trim() ? Number(year.value) : null;
    if (!Object.keys(body).length) {
      say(status, "没有改动。", false);
      return;
    }
    save(body);
  });
  for (const b of $$("[data-restore]", form)) b.addEventListener("click", () => save({ [b.dataset.restore]: null }));
}

function bodyRows(form) {
  return $$(".body-row", form).map((row) => ({
    name: $("input", row).value.trim(),
    role: $("select", row).value,
  })).filter((b) => b.name);
}

function setupTaskForms() {
  for (const form of $$(".task-form")) {
    const status = $(".form-status", form);
    const id = form.dataset.taskId;
    const save = async (body) => {
      say(status, "正在保存…");
      const r = await writeJson("PATCH", "/tasks/" + id, body);
      if (r.ok) reloadAt("task-" + id, status);
      else say(status, "没有保存：" + r.message, false);
    };
    const initialBodies = JSON.stringify(bodyRows(form));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const body = {};
      const months = form.elements.months;
      if (months.value.trim() !== months.dataset.initial) {
        const v = months.value.trim();
        body.months = v ? v : [];
      }
      const bodies = bodyRows(form);
      if (JSON.stringify(bodies) !== initialBodies) body.bodies = bodies;
      if (!Object.keys(body).length) {
        say(status, "没有改动。", false);
        return;
      }
      save(body);
    });
    for (const b of $$("[data-restore]", form)) b.addEventListener("click", () => save({ [b.dataset.restore]: null }));
    form.addEventListener("click", (e) => {
      const target = e.target;
      if (target.matches("[data-remove-body]")) {
        const row = target.closest(".body-row");
        const next = row.nextElementSibling || row.previousElementSibling;
        row.remove();
        (next ? $("input", next) : $("[data-add-body]", form)).focus();
      } else if (target.matches("[data-add-body]")) {
        const row = $("#body-row").content.firstElementChild.cloneNode(true);
        $(".rows", form).append(row);
        $("input", row).focus();
      }
    });
  }
}

/* --- units ----------------------------------------------------------------- */

function setupUnits() {
  const form = $("#merge-form");
  if (!form) return;
  const status = $(".form-status", form);
  const into = $("#merge-into");
  form.addEventListener("change", (e) => {
    // the first unit ticked suggests the name to merge into
    if (e.target.name === "pick" && e.target.checked && !into.value) into.value = e.target.value;
  });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const picked = $$("input[name=pick]:checked", form).map((c) => c.value);
    const canonical = into.value.trim();
    const aliases = picked.filter((n) => n !== canonical);
    if (!canonical || !aliases.length) {
      say(status, "请勾选至少两个单位（或一个单位再写一个不同的统一名称），并填写统一名称。", false);
      return;
    }
    say(status, "正在合并…");
    const r = await writeJson("PATCH", "/units/" + encodeURIComponent(canonical), { aliases });
    if (r.ok) {
      say(status, `已合并：${aliases.join("、")} → ${canonical}`, true);
      setTimeout(() => location.reload(), 400);
    } else say(status, "没有合并：" + r.message, false);
  });
  for (const b of $$("[data-unmerge]", form)) {
    b.addEventListener("click", async () => {
      say(status, "正在拆分…");
      const r = await writeJson("DELETE", "/units/aliases/" + encodeURIComponent(b.dataset.unmerge));
      if (r.ok) location.reload();
      else say(status, "没有拆分：" + r.message, false);
    });
  }
}

document.addEventListener("DOMContentLoaded", () => {
  setupUpload();
  setupPlanForm();
  setupTaskForms();
  setupUnits();
  // These forms save through the API: until their handlers are attached a
  // click or an Enter would send them to the page's own address instead
  // (a reload that saves nothing), so their buttons start disabled.
  for (const b of $$("[data-needs-script]")) b.disabled = false;
  for (const b of $$("[data-print]")) b.addEventListener("click", () => window.print());
  // a link to a task opens the task (details closed elsewhere stay closed)
  if (location.hash.startsWith("#task-")) {
    const t = document.getElementById(location.hash.slice(1));
    if (t) t.scrollIntoView({ block: "start" });
  }
});
