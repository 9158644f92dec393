"""Words for people, codes for programs.

Every message jihua shows a person — an error, a warning, a CLI caption —
is an entry of CATALOG: a stable English code (what programs match: the
API's `error.code`, an exception's `.code`) and its wording in Chinese and
in English. `msg(code, **params)` renders it in the current language:
Chinese unless JIHUA_LANG=en (or `jihua --lang en`) asks for English.

The CLI and the server pick the language once, when they start; parser
processes inherit it through the environment.
"""

from __future__ import annotations

import os
import string

LANGS = ("zh", "en")
_lang: str | None = None


def lang() -> str:
    """The current language: set_lang's, else JIHUA_LANG's, else Chinese."""
    if _lang is not None:
        return _lang
    value = os.environ.get("JIHUA_LANG", "").strip().lower()
    return "en" if value.startswith("en") else "zh"


def set_lang(value: str | None) -> None:
    """Choose the language of this process and of the processes it starts."""
    global _lang
    if value is None:
        _lang = None
        return
    value = value.strip().lower()
    _lang = "en" if value.startswith("en") else "zh"
    os.environ["JIHUA_LANG"] = _lang


class Message(str):
    """A rendered message that remembers its code."""

    code: str

    def __new__(cls, text: str, code: str) -> Message:
        obj = super().__new__(cls, text)
        obj.code = code
        return obj

    def __reduce__(self) -> tuple:
        # copied and pickled (to and from parser processes) with its code
        return (Message, (str(self), self.code))


def msg(code: str, **params: object) -> Message:
    """The message `code` in the current language, its {fields} filled."""
    zh, en = CATALOG[code]
    return Message((en if lang() == "en" else zh).format(**params), code)


def months_text(months: list[int]) -> str:
    """Months as people write them: [6, 7, 8, 9] → 6-9月, [3, 5] → 3、5月
    (in English: 6-9, 3,5); none → -."""
    if not months:
        return "-"
    runs: list[list[int]] = []
    for m in sorted(set(months)):
        if runs and m == runs[-1][-1] + 1:
            runs[-1].append(m)
        else:
            runs.append([m])
    parts = [f"{r[0]}-{r[-1]}" if len(r) > 2 else ("、" if lang() == "zh" else ",").join(map(str, r)) for r in runs]
    return ("、".join(parts) + "月") if lang() == "zh" else ",".join(parts)


# The roles of the contract (models.contract.Role) as people read them.
ROLE_ZH = {"issuer": "发文", "lead": "牵头", "support": "配合", "leader": "领导", "mention": "提及"}
_ROLE_WORDS = {**{v: k for k, v in ROLE_ZH.items()}, "负责": "lead", "主办": "lead", "协办": "support", "参与": "support"}


def parse_role(value: str) -> str:
    """A role as the contract names it, from its code (lead) or the word
    people read (牵头); ValueError (a message) for anything else."""
    v = value.strip()
    if v.lower() in ROLE_ZH:
        return v.lower()
    if v in _ROLE_WORDS:
        return _ROLE_WORDS[v]
    choices = "、".join(f"{zh}（{code}）" for code, zh in ROLE_ZH.items())
    raise ValueError(msg("bad_role", value=value, choices=choices))


def role_word(code: str) -> str:
    """How a role is shown to people: 牵头, or `lead` in English."""
    return code if lang() == "en" else ROLE_ZH.get(code, code)


def fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


# code: (Chinese, English). Codes are stable: programs match them.
CATALOG: dict[str, tuple[str, str]] = {
    # --- reading a file --------------------------------------------------
    "file_empty": ("文件是空的", "the file is empty"),
    "no_such_file": ("文件不存在", "no such file"),
    "no_such_path": ("文件或文件夹不存在", "no such file or folder"),
    "is_directory": ("这是文件夹，不是文件", "is a directory, not a file"),
    "permission_denied": ("没有读取权限", "permission denied"),
    "cannot_read": ("无法读取文件（{reason}）", "cannot read the file ({reason})"),
    "file_too_large": ("文件大小 {size}，超过每个文件 {limit} 的上限", "the file is {size}, above the {limit} limit per file"),
    "file_over_limit": ("文件超过每个文件 {limit} 的上限", "the file is larger than the {limit} limit per file"),
    "archive_too_large": ("压缩包超过每个压缩包 {limit} 的上限", "the archive is above the {limit} limit per archive"),
    "request_too_large": ("请求超过 {limit} 的上限", "the request is larger than the {limit} limit"),
    "binary_content": ("不是文本、Word 或 PDF 文件（二进制内容）", "not a text, Word or PDF file (binary content)"),
    "zip_not_word": ("这是 zip 压缩文件，不是 Word 文档", "a zip file that is not a Word document"),
    "corrupt_zip": ("zip 容器已损坏（{reason}）", "corrupt zip container ({reason})"),
    "office_encrypted": ("Office 文档已加密，需要密码才能打开", "the Office document is encrypted and needs a password to open"),
    "format_not_accepted": ("不接受 {fmt} 格式的文件（可接受：{accepted}）", "{fmt} files are not accepted (accepted: {accepted})"),
    "format_not_supported": ("不支持 {fmt} 格式的文件", "{fmt} files are not supported"),
    "pdf_damaged_or_locked": ("PDF 已损坏或需要密码才能打开（{reason}）", "a damaged PDF, or one that needs a password to open ({reason})"),
    "pdf_encrypted": ("PDF 已加密，需要密码才能打开", "the PDF is encrypted and needs a password to open"),
    "pdf_bad_encryption": ("PDF 使用了不支持的加密方式（{reason}）", "the PDF uses an unsupported encryption ({reason})"),
    "pdf_damaged": ("PDF 已损坏或不完整（{reason}）", "a damaged or truncated PDF ({reason})"),
    "pdf_no_pages": ("PDF 没有页面", "the PDF has no pages"),
    "docx_unreadable": ("不是可读取的 Word 文档（{reason}）", "not a readable Word document ({reason})"),
    "bom_mismatch": ("文件以 {enc} 字节顺序标记开头，但内容不是有效的 {enc}", "the file starts with a {enc} byte-order mark but is not valid {enc}"),
    "unknown_encoding": ("无法识别文本编码", "cannot detect the text encoding"),
    "no_text": ("文件中没有文字", "the file holds no text"),
    "no_text_found": ("文件中没有找到文字{why}", "no text found in the file{why}"),
    "no_text_in_image": ("图片中没有识别出文字", "no text found in the image"),
    "image_undecodable": ("无法解码图片（{reason}）", "cannot decode the image ({reason})"),
    "ocr_missing": ("识别扫描件需要 rapidocr 和 onnxruntime：{hint}", "OCR needs rapidocr and onnxruntime: {hint}"),
    "ocr_models_missing": ("无法加载 OCR 模型（{reason}）；{hint}", "the OCR models could not be loaded ({reason}); {hint}"),
    "ocr_pdfium_missing": ("渲染 PDF 页面做 OCR 需要 pypdfium2：{hint}", "rendering PDF pages for OCR needs pypdfium2: {hint}"),
    "ocr_pdf_unopenable": ("无法打开 PDF 以渲染做 OCR（{reason}）", "cannot open the PDF to render it for OCR ({reason})"),
    "not_word_or_wps": ("{what}，不是 Word 或 WPS 文档", "{what}, not a Word or WPS document"),
    "ole_excel": ("Excel 工作簿", "an Excel workbook"),
    "ole_powerpoint": ("PowerPoint 演示文稿", "a PowerPoint presentation"),
    "ole_visio": ("Visio 绘图", "a Visio drawing"),
    "ole_outlook": ("Outlook 邮件", "an Outlook message"),
    "ole_not_word": ("OLE 文件，但不是 Word 或 WPS 文档（或已损坏）", "an OLE file that is not a Word or WPS document (or a damaged one)"),
    "needs_libreoffice": ("读取 {fmt} 文件需要 LibreOffice：{hint}", "reading {fmt} files needs LibreOffice: {hint}"),
    "convert_timeout": ("LibreOffice 在 {seconds} 秒内未完成转换（JIHUA_CONVERT_TIMEOUT）", "LibreOffice did not finish converting within {seconds} s (JIHUA_CONVERT_TIMEOUT)"),
    "convert_failed": ("LibreOffice 无法转换这个 {fmt} 文件{detail}", "LibreOffice could not convert this {fmt} file{detail}"),
    "no_text_in_legacy": ("这个 {label} 文件中没有找到文字", "no text found in this {label} file"),
    "legacy_unreadable": ("无法读取这个 {label} 文件（{reason}）；{hint}", "cannot read this {label} file ({reason}); {hint}"),
    "odt_corrupt": ("OpenDocument 文件已损坏（{reason}）", "corrupt OpenDocument file ({reason})"),
    "paren": ("（{text}）", " ({text})"),
    "text_too_long": ("文字共 {n} 个字符，超过每个文档 {limit} 个字符的上限", "the text is {n} characters long, above the limit of {limit} per document"),
    "plan_too_long": ("第 {i} 个计划{title}共 {n} 个字符，超过每个计划 {limit} 个字符的上限", "plan {i}{title} is {n} characters long, above the limit of {limit} per plan"),
    # --- archives ----------------------------------------------------------
    "too_many_entries": ("共 {n} 个条目，超过 {limit} 个的上限", "{n} entries, above the limit of {limit}"),
    "path_traversal": ("条目 {entry} 指向压缩包之外（路径穿越）", "entry {entry} points outside the archive (path traversal)"),
    "zip_ratio": ("条目 {entry} 解压后膨胀 {ratio}×，超过 {limit}× 的上限：疑似压缩炸弹", "entry {entry} expands {ratio}× (limit {limit}×): a zip bomb"),
    "zip_total": ("{what}解压后超过 {limit} 的上限", "{what} inflates to more than {limit}, the limit"),
    "part_too_large": ("部件 {entry} 解压后为 {size}，超过每个部件 {limit} 的上限", "part {entry} inflates to {size}, above the {limit} limit per document part"),
    "entry_encrypted": ("压缩包条目已加密", "the entry is encrypted"),
    "entry_corrupt": ("压缩包条目已损坏（{reason}）", "corrupt archive entry ({reason})"),
    "entry_uninflatable": ("无法解压该条目（{reason}）", "cannot inflate the entry ({reason})"),
    "entry_bomb": ("解压后超过文件头声明的大小：疑似压缩炸弹", "inflates beyond the size its header declares: a zip bomb"),
    "not_a_zip": ("不是 zip 压缩包", "not a zip archive"),
    "unreadable_zip": ("不是可读取的 zip 压缩包（{reason}）", "not a readable zip archive ({reason})"),
    "nested_archive": ("压缩包里的压缩包不会打开；请单独上传它", "an archive inside an archive is not opened; send it on its own"),
    "hint_libreoffice": ("请安装 LibreOffice：apt-get install libreoffice-writer-nogui（或运行 scripts/setup-system.sh）", "install LibreOffice: apt-get install libreoffice-writer-nogui (or run scripts/setup-system.sh)"),
    "hint_ocr": ("请安装 OCR 软件包：pip install rapidocr onnxruntime pypdfium2", "install the OCR packages: pip install rapidocr onnxruntime pypdfium2"),
    "the_archive": ("压缩包", "the archive"),
    "the_document": ("文档", "the document"),
    # --- ingest ------------------------------------------------------------
    "internal_error_file": ("内部错误，请报告（{reason}）", "internal error, please report it ({reason})"),
    "worker_died": ("解析进程在处理这个文件时退出", "the parser process died on this file"),
    # --- the Dask engine (jihua ingest --engine dask) ------------------------
    "worker_killed": (
        "处理这个文件时 Dask 工作进程退出了 {n} 次，不再重试",
        "a Dask worker died {n} times on this file; not retried again",
    ),
    "dask_not_installed": (
        "--engine dask 需要 Dask distributed：pip install 'jihua[dask]'",
        "--engine dask needs Dask distributed: pip install 'jihua[dask]'",
    ),
    "dask_connect_failed": ("无法连接 Dask 调度器 {address}（{reason}）", "cannot reach the Dask scheduler {address} ({reason})"),
    "dask_no_workers": ("Dask 集群 {address} 在 {seconds} 秒内没有可用的工作进程", "the Dask cluster {address} has no worker after {seconds} s"),
    "dask_lost": (
        "与 Dask 集群的连接断开（{reason}）；已存储的文件都保留，重新运行会跳过它们",
        "lost the Dask cluster ({reason}); every file stored is kept and a re-run skips it",
    ),
    "dask_version_mismatch": (
        "工作进程 {worker} 的解析器版本是 {theirs}，本机是 {ours}：请在所有工作进程上安装同一版本的 jihua",
        "worker {worker} runs parser version {theirs}, this machine {ours}: install the same jihua on every worker",
    ),
    "dask_task_failed": ("Dask 任务失败（{reason}）", "the Dask task failed ({reason})"),
    "dask_cluster": (
        "Dask 集群 {address}：{workers} 个工作进程，{threads} 个线程",
        "Dask cluster {address}: {workers} workers, {threads} threads",
    ),
    "dask_dashboard": ("Dask 仪表板：{url}", "Dask dashboard: {url}"),
    "dask_transfer_paths": (
        "文件以路径发给工作进程：它们都能读到共享存储上的 {probe}",
        "files reach the workers as paths: every worker sees {probe} on shared storage",
    ),
    "dask_transfer_bytes": ("文件由本机读取后以字节发给工作进程（{reason}）", "files reach the workers as bytes sent from here ({reason})"),
    "dask_reason_forced": ("按 --transfer bytes 的要求", "as --transfer bytes asks"),
    "dask_reason_unseen": ("工作进程读不到 {probe}", "the workers cannot see {probe}"),
    "dask_threads_warning": (
        "工作进程 {worker} 有 {threads} 个线程，但一次只解析一个文件：请用 dask worker --nthreads 1 --nworkers N 启动",
        "worker {worker} has {threads} threads but parses one file at a time: start workers with dask worker --nthreads 1 --nworkers N",
    ),
    "original_missing": ("原始文件没有保存", "the original bytes are not stored"),
    "skip_stored": ("已经存储过（文档 {id}）", "stored before (document {id})"),
    "skip_hidden": ("隐藏文件或系统文件", "a hidden or system file"),
    "skip_office_lock": ("Office 的临时锁文件", "an Office lock file"),
    "skip_data_file": ("{suffix} 数据文件，不是计划", "a {suffix} data file, not a plan"),
    "skip_not_a_plan": ("不是计划文件：{reason}", "not a plan file: {reason}"),
    # --- warnings ----------------------------------------------------------
    "warn_name_mismatch": ("文件名是 {suffix}，但内容是 {fmt}：按 {fmt} 读取", "the name says {suffix} but the content is {fmt}: read as {fmt}"),
    "warn_mixed_encoding": ("文本混用 GBK 和 UTF-8：{n} 行按 GBK 读取（{shown}），其余按 UTF-8", "the text mixes GBK and UTF-8: {n} line(s) read as GBK ({shown}), the rest as UTF-8"),
    "warn_docx_empty": ("文档正文中没有文字", "the document body holds no text"),
    "warn_pdf_empty": ("PDF 中没有文字", "the PDF holds no text"),
    "warn_page_unreadable": ("第 {page} 页无法读取（{reason}）", "page {page}: unreadable ({reason})"),
    "warn_page_unmapped_pdfium": ("第 {page} 页：文字层的字符没有 Unicode 映射，已改用 pdfium 读取", "page {page}: the text layer has no Unicode mapping for its characters in pdfminer; read by pdfium"),
    "warn_page_unmapped": ("第 {page} 页：文字层的字符没有 Unicode 映射", "page {page}: the text layer has no Unicode mapping for its characters"),
    "warn_page_no_ocr": ("第 {page} 页：没有文字层（无法 OCR：{reason}）", "page {page}: no text layer (OCR not available: {reason})"),
    "warn_ocr_used": ("第 {page} 页：使用了 OCR（平均置信度 {confidence}）", "page {page}: OCR used (mean confidence {confidence})"),
    "warn_ocr_no_text": ("第 {page} 页：使用了 OCR，没有识别出文字", "page {page}: OCR used, no text found"),
    "warn_ocr_low": ("，置信度低，请核对文字", " — low confidence, check the text"),
    "warn_converted": ("已由 LibreOffice 从 {label} 转换", "converted from {label} by LibreOffice"),
    "warn_legacy_fallback": ("LibreOffice 未安装，这个 {label} 文件改用 {tool} 读取：自动编号的标号可能丢失；要保留标号，{hint}", "read from {label} by {tool} because LibreOffice is not installed: automatic numbering labels may be lost; to keep them, {hint}"),
    "tool_timed_out": ("{tool} 超时", "{tool} timed out"),
    "odt_xml": ("XML 解析", "its XML text"),
    # --- queries -----------------------------------------------------------
    "bad_month": ("月份 {value!r}：应为 1-12 的月份、列表 3,4、范围 3-5 或 三月", "month {value!r}: expected a month 1-12, a list 3,4, a range 3-5 or 三月"),
    "month_range": ("月份 {value!r}：月份只能是 1 到 12", "month {value!r}: months run from 1 to 12"),
    "bad_role": ("角色 {value!r}：应为 {choices} 之一", "role {value!r}: expected one of {choices}"),
    "query_too_long": ("q：共 {n} 个字符，超过 {limit} 个的上限", "q: {n} characters, above the limit of {limit}"),
    "query_too_many_terms": ("q：共 {n} 个词，超过 {limit} 个的上限", "q: {n} terms, above the limit of {limit}"),
    "compare_units": ("{n} 个单位：一次最多比较 {limit} 个", "{n} units: at most {limit} can be compared at once"),
    "compare_plans": ("这些单位共有 {n} 个计划：一次最多比较 {limit} 个（请少选几个单位，或用 plan_ids= 指定计划）", "these units have {n} plans: at most {limit} can be compared at once (compare fewer units, or chosen plans with plan_ids=)"),
    "compare_tasks": ("这些计划共有 {n} 项任务：一次最多比较 {limit} 项（请少选几个单位，或用 plan_ids= 指定计划）", "these plans hold {n} tasks: at most {limit} can be compared at once (compare fewer units, or chosen plans with plan_ids=)"),
    "no_database": ("数据库不存在（请先运行 `jihua ingest`）", "no such database (run `jihua ingest` first)"),
    # --- HTTP --------------------------------------------------------------
    "auth_required": ("此接口需要请求头 'Authorization: Bearer <token>'，其值为服务器的 JIHUA_TOKEN", "this endpoint needs the header 'Authorization: Bearer <token>' with the server's JIHUA_TOKEN"),
    "not_found": ("找不到{what} {id}", "no {what} {id}"),
    "invalid_request": ("请求无效：{reason}", "invalid request: {reason}"),
    "control_characters": ("{name}：不允许控制字符", "{name}: control characters are not allowed"),
    "out_of_range": ("{name}：{value} 超出范围（{lo}-{hi}）", "{name}: {value} is out of range ({lo}-{hi})"),
    "number_out_of_range": ("请求中的数字超出范围", "a number in the request is out of range"),
    "read_budget": ("请求超过读取的 {seconds} 秒时间预算，已停止：请缩小筛选范围（少选单位、指定月份或主题）后再试", "the request ran past the {seconds} s time budget for reads and was stopped: narrow the filters (fewer units, a month, a theme) and ask again"),
    "database_busy": ("数据库正忙：请稍后再试", "the database is busy: try again in a moment"),
    "internal_error": ("内部错误（{kind}）；详见服务器日志", "internal error ({kind}); see the server log"),
    "upload_refused": ("{errors}；这次上传的文件都没有保存", "{errors}; nothing of this upload was stored"),
    "upload_sibling_failed": ("未保存：这次上传的另一个文件失败了（{names}）", "not stored: another file of this upload failed ({names})"),
    "upload_nothing_stored": ("没有保存任何文件：{reasons}", "nothing stored: {reasons}"),
    "unit_empty": ("单位名称不能为空（要恢复解析出的单位，请发送 null）", "the unit's name cannot be empty (send null to restore the parsed unit)"),
    "bad_year": ("年份 {value}：应为 {lo} 到 {hi} 之间的年份", "year {value}: expected a year from {lo} to {hi}"),
    "body_name_empty": ("责任主体的名称不能为空", "a body's name cannot be empty"),
    "patch_empty": ("没有要更正的内容：请给出 {fields} 中的至少一项", "nothing to correct: give at least one of {fields}"),
    "merge_nothing": ("请选择要合并的单位写法：至少一个与统一名称不同的写法", "choose the spellings to merge: at least one that differs from the unit name"),
    "compare_what": ("请指定要比较的单位（units=A,B）或计划（plan_ids=1,2）", "name the units to compare (units=A,B) or the plans (plan_ids=1,2)"),
    "bad_plan_ids": ("plan_ids：应为计划编号，例如 1,2", "plan_ids: expected plan ids such as 1,2"),
    "plan_id_range": ("plan_ids：编号超出范围", "plan_ids: an id is out of range"),
    "job_interrupted": ("任务运行时服务器停止了；已保存的内容都保留：请重新上传压缩包，已保存的文件会被跳过", "the server stopped while this job ran; what it stored is kept: send the archive again and the files stored before are skipped"),
    "job_failed": ("任务失败（{reason}）", "the job failed ({reason})"),
    # --- the command line ------------------------------------------------------
    "cli_warning": ("警告：", "warning: "),
    "cli_untitled": ("（无标题）", "(untitled)"),
    "cli_doc_head": ("{file}（{fmt}，{n} 个计划）", "{file} ({fmt}, {n} plan(s))"),
    "cli_plan_head": ("单位：{unit}　年份：{year}", "unit={unit} year={year}"),
    "cli_bodies": ("责任主体：", "bodies: "),
    "cli_none": ("无", "none"),
    "cli_internal_error": ("内部错误，请报告（{reason}）", "internal error, please report it ({reason})"),
    "cli_tasks_title": ("共 {total} 项任务", "{total} tasks"),
    "cli_tasks_title_part": ("共 {total} 项任务，显示前 {shown} 项（--limit 0 显示全部）", "{shown} of {total} tasks (--limit 0 shows all)"),
    "cli_unknown_theme": ("主题 {value!r} 不存在；已有主题：{known}", "theme {value!r} is unknown; stored themes: {known}"),
    "cli_status_stored": ("已存储", "stored"),
    "cli_status_duplicate": ("重复", "duplicate"),
    "cli_status_skipped": ("已跳过", "skipped"),
    "cli_status_ignored": ("已忽略", "ignored"),
    "cli_status_error": ("错误", "error"),
    "cli_col_file": ("文件", "file"),
    "cli_col_result": ("结果", "result"),
    "cli_col_document": ("文档", "document"),
    "cli_col_plans": ("计划", "plans"),
    "cli_col_tasks": ("任务", "tasks"),
    "cli_col_note": ("原因", "reason"),
    "cli_per_file": ("逐个文件", "per file"),
    "cli_failed_files": ("失败的文件（{n}）", "failed ({n})"),
    "cli_progress": ("{label}", "{label}"),
    "cli_ingest_label": ("导入", "ingest"),
    "cli_reparse_label": ("重新解析", "reparse"),
    "cli_files_per_s": ("{rate:.1f} 个/秒", "{rate:.1f} files/s"),
    "cli_errors_n": ("{n} 个错误", "{n} errors"),
    "cli_summary": (
        "{done} 个文件：{stored} 个已存储，{duplicate} 个重复，{skipped} 个已跳过（之前存储过），{ignored} 个已忽略（不是计划），{failed} 个失败；"
        "{plans} 个计划，{tasks} 项任务，用时 {seconds:.1f} 秒（{rate:.1f} 个/秒）",
        "{done} files: {stored} stored, {duplicate} duplicates, {skipped} skipped (stored before), {ignored} ignored (no plan), {failed} failed; "
        "{plans} plans, {tasks} tasks in {seconds:.1f} s ({rate:.1f} files/s)",
    ),
    "cli_compare_legend": ("{letter} = {unit}（{n} 项任务）", "{letter} = {unit} ({n} tasks)"),
    "cli_compare_grid": ("谁在什么时候做什么", "who plans what, when"),
    "cli_compare_theme": ("主题", "theme"),
    "cli_compare_all": ("（全部）", "(all)"),
    "cli_compare_month": ("{m}月", "M{m}"),
    "cli_compare_task": ("任务", "task"),
    "cli_compare_units": ("单位", "units"),
    "cli_compare_shared": ("共同的任务（{n}）", "shared tasks ({n})"),
    "cli_compare_unit_line": ("{letter} {unit}：{n} 项独有任务；责任主体：{bodies}", "{letter} {unit}: {n} unique tasks; bodies: {bodies}"),
    "cli_serving": ("jihua：正在为 {db} 提供服务，地址 http://{host}:{port}/（API 文档：http://{host}:{port}/docs）", "jihua: serving {db} at http://{host}:{port}/  (API docs: http://{host}:{port}/docs)"),
    "cli_empty_token": ("警告：JIHUA_TOKEN 已设置但为空，任何人都能写入（请设置令牌，或取消这个变量）", "warning: JIHUA_TOKEN is set but empty: writes are open to anyone (set a token or unset it)"),
    "cli_open_writes": ("警告：没有设置 JIHUA_TOKEN，又没有只绑定本机地址：任何人都能写入", "warning: no JIHUA_TOKEN set and not bound to loopback: anyone can write"),
    "cli_reset_nothing": ("{db} 不存在，没有要删除的数据", "{db} does not exist: nothing to delete"),
    "cli_reset_confirm": ("{db} 中有 {documents} 个文档、{plans} 个计划、{tasks} 项任务，删除后无法恢复。确定删除吗？", "{db} holds {documents} documents, {plans} plans and {tasks} tasks; they cannot be recovered. Delete them?"),
    "cli_reset_refused": ("没有删除：请确认，或加上 --yes", "nothing deleted: confirm, or add --yes"),
    "cli_reset_done": ("已删除 {db}", "deleted {db}"),
    "what_document": ("文档", "document"),
    "what_plan": ("计划", "plan"),
    "what_job": ("后台作业", "job"),
    "what_original": ("原始文件，文档", "original file of document"),
    "what_task": ("任务", "task"),
    "what_correction": ("更正", "correction"),
    "what_alias": ("单位的其他写法", "unit alias"),
}
