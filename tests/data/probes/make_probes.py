"""Build the probe documents that cannot be typed by hand: the .docx files
(python-docx), a hard-wrapped .txt with page numbers, and a GBK .txt.

Run from the repo root: `.venv/bin/python tests/data/probes/make_probes.py`.
The outputs are committed; each has a NAME.gold.json written by hand from
the text below, never from the parser's output.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent

# --- hard-wrapped .txt ---------------------------------------------------
# Text exported from a PDF or an old editor: every line cut at 36 characters
# wherever it falls (inside words, before a 。), page numbers on their own
# line between the halves of a sentence, headings on short lines.

HARDWRAP_TITLE = "宏远物流有限公司工会2024年工作计划"
HARDWRAP_PARAS = [
    "2024年，公司工会将在公司党委和上级工会的领导下，坚持以职工为中心的工作导向，紧紧围绕公司年度生产经营目标，团结动员广大职工立足岗位建功立业，切实维护职工合法权益，努力把工会建设成为职工信赖的温暖之家。",
    "一、围绕生产经营，深入开展劳动竞赛",
    "1.3月份启动“安全运输百日无事故”劳动竞赛，以车队为单位开展比拼，竞赛结果与班组评优挂钩。",
    "2.第三季度联合公司人力资源部举办叉车、驾驶等岗位技能比武，对获奖职工按照公司有关规定给予奖励，并优先推荐参加上级工会组织的职工技能大赛。",
    "3.广泛开展合理化建议和“五小”创新活动，全年征集职工合理化建议不少于100条。",
    "二、维护职工权益，构建和谐劳动关系",
    "1.一季度召开公司第三届职工代表大会第二次会议，审议公司年度工作报告和集体合同履行情况报告。",
    "2.深化厂务公开工作，涉及职工切身利益的重大事项必须提交职代会审议。",
    "3.6月底前完成新一轮工资集体协商，签订工资专项集体合同。",
    "三、关心职工生活，做好帮扶服务工作",
    "1.春节前走访慰问困难职工、劳动模范和退休老职工，把党和政府的温暖送到职工心坎上。",
    "2.7—8月高温期间开展“送清凉”活动，为一线驾驶员和装卸工发放防暑降温用品。",
    "3.10月组织全体职工健康体检，为女职工增加妇科专项检查项目。",
    "四、加强工会自身建设",
    "1.加强工会干部培训，选派工会委员参加上级工会举办的业务培训班。",
    "2.规范工会经费使用和管理，年底接受工会经费审查委员会审查。",
    "宏远物流有限公司工会",
    "2024年1月12日",
]
WRAP = 36
PAGE_ENDS = {7, 17}  # text lines after which a page ends


def hardwrap_text() -> str:
    out: list[str] = [HARDWRAP_TITLE, ""]
    count = 0
    page = 1
    for para in HARDWRAP_PARAS:
        for i in range(0, len(para), WRAP):
            out.append(para[i : i + WRAP])
            count += 1
            # pages end inside sentences (按|照, 职|工): the page number
            # stands between the halves
            if count in PAGE_ENDS:
                out += ["", f"第{page}页 共3页", ""]
                page += 1
    out += ["", f"第{page}页 共3页"]
    return "\n".join(out) + "\n"


# --- GBK .txt -----------------------------------------------------------
# A community plan saved by a Chinese Windows editor: GBK, CRLF line ends,
# full-width spaces for indents.

GBK_TEXT = """桃源社区2024年工作计划

　　2024年，桃源社区居委会将在街道党工委、办事处的正确领导下，以服务居民为宗旨，以创建平安社区、文明社区为目标，扎实推进社区各项工作。现将全年工作计划如下：

　　一、加强社区党建工作
　　1、坚持“三会一课”制度，每月开展一次主题党日活动。
　　2、七一前夕组织社区党员重温入党誓词，开展“党员先锋岗”评选。

　　二、做好社区服务工作
　　1、3月开展学雷锋志愿服务月活动，组织志愿者为居民义务维修家电、理发。
　　2、联合社区卫生服务站，每季度为辖区65岁以上老年人免费测量血压。
　　3、暑期开办“四点半课堂”，为双职工家庭子女提供课后托管服务。

　　三、加强社区综合治理
　　1、配合派出所开展社区治安巡逻，上半年完成社区视频监控改造工程。
　　2、11月开展“119”消防宣传月活动，排查辖区消防安全隐患。

　　四、丰富居民文化生活
　　1、元宵节举办社区猜灯谜活动。
　　2、国庆期间举办“邻里一家亲”文艺汇演。

　　　　　　　　　　　　　　　　桃源社区居委会
　　　　　　　　　　　　　　　　2024年1月5日
"""


# --- .docx: a bureau's work points with a schedule table ----------------------


def bureau_table(path: Path) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    d = docx.Document()
    t = d.add_paragraph("青州市市场监督管理局2024年工作要点")
    t.alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph(
        "2024年，市市场监管局将在市委、市政府的坚强领导下，坚持稳中求进工作总基调，"
        "统筹发展和安全，全面提升市场监管现代化水平，为全市经济高质量发展营造良好的市场环境。现提出如下工作要点。"
    )
    d.add_paragraph("一、总体要求", style="Heading 1")
    d.add_paragraph("以优化营商环境为主线，以守牢安全底线为重点，着力构建统一开放、竞争有序的市场体系。")
    d.add_paragraph("二、重点任务", style="Heading 1")
    d.add_paragraph("（一）深化商事制度改革。推进企业登记全程电子化，6月底前实现企业开办“一网通办”全覆盖。")
    d.add_paragraph("（二）守牢食品药品安全底线。落实食品安全“两个责任”，建立包保干部督导台账，每季度开展一次督导检查。")
    d.add_paragraph("（三）强化知识产权保护。下半年组织开展商标侵权专项执法行动，严厉打击侵犯知识产权违法行为。")
    d.add_paragraph("三、重点工作推进安排", style="Heading 1")
    d.add_paragraph("重点工作任务分解表")
    rows = [
        ("序号", "工作任务", "完成时限", "牵头单位", "配合单位"),
        ("1", "开展春季食品安全专项检查", "4月底前", "食品安全科", "各市场监管所"),
        ("2", "组织“3·15”国际消费者权益日宣传活动", "3月", "消费者权益保护科", "办公室、各市场监管所"),
        ("3", "完成全市特种设备安全隐患排查整治", "第三季度", "特种设备安全科", "各市场监管所"),
        ("4", "开展电梯维保质量专项抽查", "10月底前", "", "市特种设备检验所"),
        ("5", "推进“双随机、一公开”监管全覆盖", "全年", "执法稽查科", "各业务科室"),
        ("6", "开展年度消费品质量监督抽查", "11月", "质量发展科", "市产品质量检验中心"),
    ]
    table = d.add_table(rows=len(rows), cols=5)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    # one lead unit for rows 3 and 4: a vertically merged cell
    table.cell(3, 3).merge(table.cell(4, 3))
    d.add_paragraph("四、保障措施", style="Heading 1")
    d.add_paragraph("各科室、各市场监管所要高度重视，明确责任人和时间节点，确保各项任务按期完成。")
    d.save(path)


# --- .docx: a women's committee plan, items auto-numbered by Word ------------


def women_committee(path: Path) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    d = docx.Document()
    d.add_paragraph("金川集团女职工委员会2024年工作计划", style="Title")
    d.add_paragraph(
        "2024年，集团女职工委员会将在集团工会的领导下，紧紧围绕集团中心工作，以提升女职工素质、"
        "维护女职工权益为重点，团结引领广大女职工在企业发展中展现巾帼风采。"
    )
    d.add_paragraph("一、工作目标", style="Heading 1")
    d.add_paragraph("女职工专项集体合同签订率保持100%，全年开展女职工培训不少于3期。")
    d.add_paragraph("二、主要工作", style="Heading 1")
    # "List Number" carries Word's automatic decimal numbering: the labels
    # 1. 2. 3. exist only in numbering.xml, and they run on across headings
    for text in (
        "开展“巾帼建功”活动，推荐评选三八红旗手、五一巾帼标兵岗，在全集团营造比学赶超的良好氛围。",
        "维护女职工特殊权益，督促各单位落实女职工劳动保护特别规定。",
        "关爱女职工身心健康，下半年组织女职工开展“两癌”免费筛查。",
    ):
        d.add_paragraph(text, style="List Number")
    d.add_paragraph("三、节日活动安排", style="Heading 1")
    for text in (
        "三八节期间，举办“巾帼心向党 奋进新征程”主题知识竞赛和插花、茶艺体验活动。",
        "母亲节前后，开展“晒晒我和妈妈的合影”线上征集活动。",
        "六一儿童节，组织女职工子女参观集团生产车间和企业展厅，开展亲子趣味运动会。",
        "七夕节，联合集团团委举办青年职工交友联谊活动。",
        "重阳节，组织女职工志愿者走访慰问退休女职工。",
    ):
        d.add_paragraph(text, style="List Number")
    d.add_paragraph("四、工作要求", style="Heading 1")
    d.add_paragraph("各基层女职工委员会要结合实际制定具体活动方案，于每季度末将活动开展情况报集团女职工委员会。")
    for text in ("金川集团女职工委员会", "2024年1月15日"):
        d.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    d.save(path)


def main() -> None:
    (HERE / "hardwrap_pages.txt").write_text(hardwrap_text(), encoding="utf-8")
    (HERE / "gbk_community.txt").write_bytes(GBK_TEXT.replace("\n", "\r\n").encode("gbk"))
    bureau_table(HERE / "bureau_table.docx")
    women_committee(HERE / "women_committee.docx")


if __name__ == "__main__":
    main()
